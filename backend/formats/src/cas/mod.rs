//! What a CAS server sends and expects (docs/domain.md §8): the login form of its
//! HTML login page, the SAML 1.1 validation request, and the SAML 1.1 and
//! CAS 2/3 validation answers. Bytes in, values out.
//!
//! The login page is HTML, not XML (unquoted attributes, void elements,
//! scripts), so the form is found by a small tag scanner rather than an XML
//! parser: it reads `<form>`, `<input>`, `<button>` tags and their
//! attributes, skips comments, scripts and styles, and decodes character
//! references. That is all a login form needs (docs/decisions.md, issue 8).

mod login_form;
mod validation;

pub use login_form::{LoginForm, find_login_form};
pub use validation::{
    AnswerError, ValidationAnswer, parse_cas_answer, parse_saml_answer, saml_validation_request,
};
