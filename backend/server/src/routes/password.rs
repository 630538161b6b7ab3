//! `GET|POST /mot-de-passe/reinitialiser`: the page a password reset link
//! opens (issue 13, item 9). Plain HTML, no script: the form posts the
//! link's token with the new password, and the page says what happened.
//! The token is the only credential, so there is nothing to forge across
//! sites; `Referrer-Policy: no-referrer` (every response) keeps it out of
//! other sites' logs.

use actix_web::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use actix_web::{HttpResponse, web};
use relais_api::ApiError;
use relais_domain::Password;
use serde::Deserialize;

use crate::startup::AppState;

#[derive(Debug, Deserialize)]
pub struct ResetQuery {
    jeton: Option<String>,
}

#[derive(Deserialize)]
pub struct ResetForm {
    jeton: String,
    mot_de_passe: String,
    confirmation: String,
}

/// The form.
pub async fn reset_form(query: web::Query<ResetQuery>) -> HttpResponse {
    let token = query.jeton.clone().unwrap_or_default();
    page(actix_web::http::StatusCode::OK, &form(&token, None))
}

/// Sets the new password.
pub async fn reset_submit(state: web::Data<AppState>, form: web::Form<ResetForm>) -> HttpResponse {
    let form = form.into_inner();
    if form.mot_de_passe != form.confirmation {
        return page(
            actix_web::http::StatusCode::BAD_REQUEST,
            &self::form(
                &form.jeton,
                Some("Les deux saisies du nouveau mot de passe diffèrent."),
            ),
        );
    }
    match state
        .auth
        .reset_password(&form.jeton, form.mot_de_passe)
        .await
    {
        Ok(()) => page(
            actix_web::http::StatusCode::OK,
            "<h1>Mot de passe changé</h1><p>Votre nouveau mot de passe est enregistré ; toutes vos sessions ont été fermées. Connectez-vous avec ce nouveau mot de passe.</p>",
        ),
        Err(error) => {
            let status = super::status_of(error.code);
            page(status, &self::form(&form.jeton, Some(&message(&error))))
        }
    }
}

fn message(error: &ApiError) -> String {
    error.message.clone()
}

fn form(token: &str, problem: Option<&str>) -> String {
    let problem = problem
        .map(|p| format!("<p role=\"alert\"><strong>{}</strong></p>", escape(p)))
        .unwrap_or_default();
    let rules = format!(
        "<ul><li>Au moins {} caractères ;</li><li>au plus {} caractères ;</li><li>pas uniquement des espaces.</li></ul>",
        Password::MIN_CHARS,
        Password::MAX_CHARS
    );
    format!(
        "<h1>Choisir un nouveau mot de passe</h1>{problem}\
         <p>Règles du mot de passe :</p>{rules}\
         <form method=\"post\" action=\"/mot-de-passe/reinitialiser\">\
         <input type=\"hidden\" name=\"jeton\" value=\"{token}\">\
         <p><label>Nouveau mot de passe <input type=\"password\" name=\"mot_de_passe\" autocomplete=\"new-password\" required minlength=\"{min}\"></label></p>\
         <p><label>Confirmation <input type=\"password\" name=\"confirmation\" autocomplete=\"new-password\" required minlength=\"{min}\"></label></p>\
         <p><button type=\"submit\">Enregistrer</button></p></form>",
        token = escape(token),
        min = Password::MIN_CHARS,
    )
}

fn page(status: actix_web::http::StatusCode, body: &str) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header((CONTENT_TYPE, "text/html; charset=utf-8"))
        .insert_header((CACHE_CONTROL, "no-store"))
        .body(format!(
            "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Relais — mot de passe</title></head><body>{body}</body></html>"
        ))
}

fn escape(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '&' => "&amp;".to_owned(),
            '<' => "&lt;".to_owned(),
            '>' => "&gt;".to_owned(),
            '"' => "&quot;".to_owned(),
            '\'' => "&#39;".to_owned(),
            c => c.to_string(),
        })
        .collect()
}
