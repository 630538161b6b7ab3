//! The e-mail of a password reset (issue 13, item 9): a single-use link,
//! valid for `auth.password_reset_minutes`, to the account's own address,
//! through the outbox. Never a password.

use relais_store::entities::user;
use relais_store::outbox::{NewOutboxMessage, new_message_id};

use crate::ticket_mail::MailLinks;

/// The page that asks for the new password (`GET /mot-de-passe/reinitialiser`).
pub const RESET_PATH: &str = "/mot-de-passe/reinitialiser";

/// Where the link points: the token rides in the query, which Relais does
/// not log (its request logs name the route only).
pub fn reset_link(links: &MailLinks, token: &str) -> String {
    format!(
        "{}{RESET_PATH}?jeton={token}",
        links.public_url.trim_end_matches('/')
    )
}

/// The reset e-mail for `account`.
pub fn reset_message(
    links: &MailLinks,
    account: &user::Model,
    token: &str,
    minutes: i64,
) -> NewOutboxMessage {
    let link = reset_link(links, token);
    let text = format!(
        "Bonjour {name},\n\n\
         Une réinitialisation du mot de passe de votre compte Relais ({email}) a été demandée.\n\n\
         Pour choisir un nouveau mot de passe, ouvrez ce lien dans les {minutes} minutes ; il ne sert qu'une fois :\n\
         {link}\n\n\
         Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe actuel reste valable.\n",
        name = account.display_name,
        email = account.email,
    );
    let html = format!(
        "<!DOCTYPE html><html lang=\"fr\"><body><p>Bonjour {name},</p>\
         <p>Une réinitialisation du mot de passe de votre compte Relais ({email}) a été demandée.</p>\
         <p><a href=\"{href}\">Choisir un nouveau mot de passe</a> (lien valable {minutes} minutes, une seule fois).</p>\
         <p>Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe actuel reste valable.</p>\
         </body></html>",
        name = escape(&account.display_name),
        email = escape(&account.email),
        href = escape(&link),
    );
    NewOutboxMessage {
        tenant_id: account.tenant_id,
        kind: "PASSWORD_RESET".to_owned(),
        message_id: new_message_id(&links.domain()),
        in_reply_to: None,
        references: None,
        to: vec![account.email.clone()],
        reply_to: None,
        subject: "Relais — réinitialisation de votre mot de passe".to_owned(),
        text_body: text,
        html_body: Some(html),
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
