//! `GET|POST /mot-de-passe/reinitialiser`: the page a password reset link
//! opens (issue 13, item 9). Plain HTML, no script: the form posts the
//! link's token with the new password, and the page says what happened.
//! The token is the only credential, so there is nothing to forge across
//! sites; `Referrer-Policy: no-referrer` (every response) keeps it out of
//! other sites' logs.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use relais_domain::Password;
use serde::Deserialize;

use super::html_page;
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

/// The page: the form (with what went wrong, if anything), or the news that
/// the password changed (`templates/pages/password_reset.html`).
#[derive(Template)]
#[template(path = "pages/password_reset.html")]
struct ResetPage<'a> {
    done: bool,
    problem: Option<&'a str>,
    token: &'a str,
    min_chars: usize,
    max_chars: usize,
}

impl<'a> ResetPage<'a> {
    fn form(token: &'a str, problem: Option<&'a str>) -> Self {
        Self {
            done: false,
            problem,
            token,
            min_chars: Password::MIN_CHARS,
            max_chars: Password::MAX_CHARS,
        }
    }
}

/// The form.
pub async fn reset_form(query: web::Query<ResetQuery>) -> HttpResponse {
    let token = query.jeton.as_deref().unwrap_or_default();
    html_page(StatusCode::OK, &ResetPage::form(token, None))
}

/// Sets the new password.
pub async fn reset_submit(state: web::Data<AppState>, form: web::Form<ResetForm>) -> HttpResponse {
    let form = form.into_inner();
    if form.mot_de_passe != form.confirmation {
        return html_page(
            StatusCode::BAD_REQUEST,
            &ResetPage::form(
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
        Ok(()) => html_page(
            StatusCode::OK,
            &ResetPage {
                done: true,
                ..ResetPage::form("", None)
            },
        ),
        Err(error) => html_page(
            super::status_of(error.code),
            &ResetPage::form(&form.jeton, Some(&error.message)),
        ),
    }
}
