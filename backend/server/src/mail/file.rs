//! The embedded default: messages are written, not sent. Each one becomes
//! `<outbox_dir>/<message-id>.eml`, the bytes SMTP would have carried, which
//! any mail client opens. Sending the same message again rewrites the same
//! file.

use std::path::PathBuf;

use async_trait::async_trait;
use lettre::message::Mailbox;

use super::{MailError, Mailer, OutgoingMail, message};

pub struct FileMailer {
    dir: PathBuf,
    from: Mailbox,
}

impl FileMailer {
    pub fn new(dir: PathBuf, from: Mailbox) -> Self {
        Self { dir, from }
    }

    /// The file a message is written to.
    pub fn path_of(&self, message_id: &str) -> PathBuf {
        let name: String = message_id
            .trim_start_matches('<')
            .trim_end_matches('>')
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '@' | '.' | '-' | '_' | '+') {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        self.dir.join(format!("{name}.eml"))
    }
}

#[async_trait]
impl Mailer for FileMailer {
    async fn send(&self, mail: &OutgoingMail) -> Result<(), MailError> {
        let bytes = message::render_message(&self.from, mail)?;
        let path = self.path_of(&mail.message_id);
        // Written aside then renamed: a reader never sees half a message.
        let partial = path.with_extension("eml.part");
        let io = |err: std::io::Error| {
            MailError::Transient(format!("écriture de {} impossible : {err}", path.display()))
        };
        tokio::fs::create_dir_all(&self.dir).await.map_err(io)?;
        tokio::fs::write(&partial, &bytes).await.map_err(io)?;
        tokio::fs::rename(&partial, &path).await.map_err(io)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_name_keeps_only_safe_characters() {
        let mailer = FileMailer::new(
            PathBuf::from("/tmp/outbox"),
            "relais@exemple.fr".parse().unwrap(),
        );
        assert_eq!(
            mailer.path_of("<0190abcd@exemple.fr>"),
            PathBuf::from("/tmp/outbox/0190abcd@exemple.fr.eml")
        );
        assert_eq!(
            mailer.path_of("<../../etc/passwd@x>"),
            PathBuf::from("/tmp/outbox/.._.._etc_passwd@x.eml")
        );
    }
}
