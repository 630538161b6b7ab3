//! `GET /establishments/{uai}/fiche`: the printable configuration sheet,
//! authorised like the API (`Authorization: Bearer <access token>`).

use actix_web::http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use relais_app::AppError;
use relais_app::auth::RequestAuth;
use relais_app::fiche_page::fiche_page;

use super::graphql::authenticate;
use crate::startup::AppState;

/// `?tenant=<id>`: the operator, when two hold the UAI.
#[derive(Debug, serde::Deserialize)]
pub struct FicheQuery {
    tenant: Option<String>,
}

pub async fn fiche(
    state: web::Data<AppState>,
    http: HttpRequest,
    uai: web::Path<String>,
    query: web::Query<FicheQuery>,
) -> HttpResponse {
    let tenant = match query
        .tenant
        .as_deref()
        .map(uuid::Uuid::parse_str)
        .transpose()
    {
        Ok(tenant) => tenant,
        Err(_) => {
            return error_page(&AppError::validation(
                "tenant",
                "L'opérateur indiqué (tenant) n'est pas un identifiant valide.",
            ));
        }
    };
    let page = match authenticate(&state, &http).await {
        RequestAuth::Authenticated(caller) => fiche_page(&state.store, &caller, &uai, tenant).await,
        RequestAuth::Anonymous => Err(AppError::not_logged_in()),
        RequestAuth::Rejected(rejection) => Err((&rejection).into()),
    };
    match page {
        Ok(html) => HttpResponse::Ok()
            .insert_header((CONTENT_TYPE, "text/html; charset=utf-8"))
            .insert_header((CACHE_CONTROL, "no-store"))
            .insert_header((
                CONTENT_SECURITY_POLICY,
                crate::security_headers::policy_with_inline_style(&html),
            ))
            .body(html),
        Err(error) => error_page(&error),
    }
}

/// The page shown instead of the sheet: the API's status, message and code
/// (`templates/pages/fiche_unavailable.html`).
#[derive(Template)]
#[template(path = "pages/fiche_unavailable.html")]
struct FicheUnavailable<'a> {
    message: &'a str,
    code: &'static str,
}

fn error_page(error: &AppError) -> HttpResponse {
    super::html_page(
        super::status_of(error.code),
        &FicheUnavailable {
            message: &error.message,
            code: error.code.as_str(),
        },
    )
}
