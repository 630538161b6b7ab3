//! `GET /graphiql`: the GraphQL IDE, with its scripts and styles served by
//! Relais itself (vendored from npm by scripts/vendor-graphiql.sh, embedded
//! in the binary), so it works offline and its Content-Security-Policy
//! allows `'self'` only.

use actix_web::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use actix_web::{HttpResponse, web};

/// In asset paths, so a new version is never served from an old cache.
const GRAPHIQL_VERSION: &str = "4.1.2";

const PAGE: &str = concat!(
    "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n",
    "<meta name=\"robots\" content=\"noindex\">\n",
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
    "<title>Relais — GraphiQL</title>\n",
    "<link rel=\"stylesheet\" href=\"/graphiql/4.1.2/graphiql.min.css\">\n",
    "<link rel=\"stylesheet\" href=\"/graphiql/4.1.2/page.css\">\n",
    "</head>\n<body>\n<div id=\"graphiql\">Chargement de GraphiQL…</div>\n",
    "<script src=\"/graphiql/4.1.2/react.production.min.js\"></script>\n",
    "<script src=\"/graphiql/4.1.2/react-dom.production.min.js\"></script>\n",
    "<script src=\"/graphiql/4.1.2/graphiql.min.js\"></script>\n",
    "<script src=\"/graphiql/4.1.2/init.js\"></script>\n",
    "</body>\n</html>\n"
);

const PAGE_CSS: &str = "body { height: 100%; margin: 0; width: 100%; overflow: hidden; }\n#graphiql { height: 100vh; }\n";

/// The IDE's page.
pub async fn graphiql() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((CONTENT_TYPE, "text/html; charset=utf-8"))
        .insert_header((CACHE_CONTROL, "no-cache"))
        .body(PAGE)
}

/// One of the IDE's files, by name.
pub async fn graphiql_asset(path: web::Path<(String, String)>) -> HttpResponse {
    let (version, name) = path.into_inner();
    let asset: Option<(&'static str, &'static [u8])> = match name.as_str() {
        "graphiql.min.js" => Some((JS, include_bytes!("../../assets/graphiql/graphiql.min.js"))),
        "graphiql.min.css" => Some((
            CSS,
            include_bytes!("../../assets/graphiql/graphiql.min.css"),
        )),
        "react.production.min.js" => Some((
            JS,
            include_bytes!("../../assets/graphiql/react.production.min.js"),
        )),
        "react-dom.production.min.js" => Some((
            JS,
            include_bytes!("../../assets/graphiql/react-dom.production.min.js"),
        )),
        "init.js" => Some((JS, include_bytes!("../../assets/graphiql/init.js"))),
        "page.css" => Some((CSS, PAGE_CSS.as_bytes())),
        _ => None,
    };
    match asset {
        Some((content_type, body)) if version == GRAPHIQL_VERSION => HttpResponse::Ok()
            .insert_header((CONTENT_TYPE, content_type))
            .insert_header((CACHE_CONTROL, "public, max-age=604800, immutable"))
            .body(body),
        _ => HttpResponse::NotFound()
            .insert_header((CONTENT_TYPE, "text/plain; charset=utf-8"))
            .body("Fichier introuvable."),
    }
}

const JS: &str = "text/javascript; charset=utf-8";
const CSS: &str = "text/css; charset=utf-8";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_names_the_served_version_and_no_other_host() {
        assert!(PAGE.contains(&format!("/graphiql/{GRAPHIQL_VERSION}/graphiql.min.js")));
        assert!(
            !PAGE.contains("http"),
            "the page loads nothing from elsewhere"
        );
        assert!(!PAGE.contains("<script>"), "no inline script");
        assert!(!PAGE.contains("<style>"), "no inline style");
    }
}
