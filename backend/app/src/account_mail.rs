//! The e-mail of a password reset (issue 13, item 9): a single-use link,
//! valid for `auth.password_reset_minutes`, to the account's own address,
//! through the outbox. Never a password. Rendered by the templates
//! `templates/mail/password_reset.{txt,html}`.

use askama::Template;
use relais_domain::TenantId;
use relais_store::User;
use relais_store::outbox::{NewOutboxMessage, new_message_id};

use crate::mail::{MailLinks, MailTemplate};

/// The page that asks for the new password (`GET /mot-de-passe/reinitialiser`).
pub const RESET_PATH: &str = "/mot-de-passe/reinitialiser";

/// Where the link points: the token rides in the query, which Relais does
/// not log (its request logs name the route only).
pub fn reset_link(links: &MailLinks, token: &str) -> String {
    links.link(&format!("{RESET_PATH}?jeton={token}"))
}

/// What the reset e-mail prints.
struct PasswordReset<'a> {
    name: &'a str,
    email: &'a str,
    link: &'a str,
    minutes: i64,
}

#[derive(Template)]
#[template(path = "mail/password_reset.txt")]
struct PasswordResetText<'m, 'a> {
    mail: &'m PasswordReset<'a>,
}

#[derive(Template)]
#[template(path = "mail/password_reset.html")]
struct PasswordResetHtml<'m, 'a> {
    mail: &'m PasswordReset<'a>,
}

impl MailTemplate for PasswordReset<'_> {
    fn subject(&self) -> String {
        "Relais — réinitialisation de votre mot de passe".to_owned()
    }

    fn text(&self) -> askama::Result<String> {
        PasswordResetText { mail: self }.render()
    }

    fn html(&self) -> askama::Result<Option<String>> {
        PasswordResetHtml { mail: self }.render().map(Some)
    }
}

/// The reset e-mail for `account`.
pub fn reset_message(
    links: &MailLinks,
    account: &User,
    token: &str,
    minutes: i64,
) -> NewOutboxMessage {
    let link = reset_link(links, token);
    PasswordReset {
        name: &account.display_name,
        email: account.email.as_str(),
        link: &link,
        minutes,
    }
    .render_or_notice(&links.link(RESET_PATH))
    .into_outbox(
        "PASSWORD_RESET",
        account.tenant_id.map(TenantId::uuid),
        vec![account.email.to_string()],
        new_message_id(&links.domain()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reset_message_says_what_it_always_said_with_the_name_escaped_in_html() {
        let links = MailLinks {
            public_url: "https://relais.exemple.fr".into(),
        };
        let mail = PasswordReset {
            name: "Jeanne <Dupont>",
            email: "jeanne@college.test",
            link: &reset_link(&links, "abc_DEF-1"),
            minutes: 30,
        }
        .render()
        .unwrap();
        assert_eq!(
            mail.subject,
            "Relais — réinitialisation de votre mot de passe"
        );
        assert_eq!(
            mail.text,
            "Bonjour Jeanne <Dupont>,\n\n\
             Une réinitialisation du mot de passe de votre compte Relais (jeanne@college.test) a été demandée.\n\n\
             Pour choisir un nouveau mot de passe, ouvrez ce lien dans les 30 minutes ; il ne sert qu'une fois :\n\
             https://relais.exemple.fr/mot-de-passe/reinitialiser?jeton=abc_DEF-1\n\n\
             Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe actuel reste valable.\n"
        );
        let html = mail.html.unwrap();
        assert!(
            html.contains("<p>Bonjour Jeanne &#60;Dupont&#62;,</p>"),
            "{html}"
        );
        assert!(
            html.contains(
                "<a href=\"https://relais.exemple.fr/mot-de-passe/reinitialiser?jeton=abc_DEF-1\">"
            ),
            "{html}"
        );
    }
}
