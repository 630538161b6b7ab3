use actix_web::{HttpResponse, web};

use crate::metrics::Metrics;
use crate::startup::AppState;

pub async fn metrics(metrics: web::Data<Metrics>, state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(metrics.render(state.store.statements_executed()))
}
