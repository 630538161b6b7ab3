//! SMTP through lettre: rustls on ring (no OpenSSL), STARTTLS, implicit TLS
//! or plain, optional authentication, a timeout on every step, and
//! lettre's connection pool (or one connection per message when
//! `pool_max_size = 0`).

use std::time::Duration;

use async_trait::async_trait;
use lettre::address::Envelope;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::{Credentials, DEFAULT_MECHANISMS};
use lettre::transport::smtp::client::{AsyncSmtpConnection, Certificate, Tls, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::transport::smtp::{Error as SmtpError, PoolConfig};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use secrecy::ExposeSecret;

use super::{MailError, Mailer, OutgoingMail, SmtpSettings, SmtpTls, message};
use crate::config::read_secret;
use crate::error::ServerError;

/// Sends through an SMTP server.
pub struct SmtpMailer {
    from: Mailbox,
    link: Link,
}

enum Link {
    Pooled(AsyncSmtpTransport<Tokio1Executor>),
    /// A fresh connection per message, closed after it.
    Direct(Direct),
}

struct Direct {
    host: String,
    port: u16,
    timeout: Duration,
    tls: SmtpTls,
    parameters: Option<TlsParameters>,
    credentials: Option<Credentials>,
    hello: ClientId,
}

impl SmtpMailer {
    /// Reads the settings (password file, CA file) and prepares the
    /// transport. Nothing connects until the first message.
    pub fn new(settings: &SmtpSettings, from: Mailbox) -> Result<Self, ServerError> {
        let host = settings.host.trim().to_owned();
        if host.is_empty() {
            return Err(ServerError::Config(
                "mail.smtp.host est obligatoire avec mail.transport = \"smtp\".".into(),
            ));
        }
        let port = settings.port();
        let timeout = Duration::from_secs(settings.timeout_seconds.max(1));
        let parameters = match settings.tls {
            SmtpTls::None => None,
            SmtpTls::Starttls | SmtpTls::Tls => Some(tls_parameters(&host, settings)?),
        };
        let password = read_secret(
            &settings.password,
            &settings.password_file,
            "mail.smtp.password",
        )?;
        let credentials = match (&settings.username, password) {
            (Some(user), Some(password)) => Some(Credentials::new(
                user.clone(),
                password.expose_secret().to_owned(),
            )),
            (None, None) => None,
            _ => {
                return Err(ServerError::Config(
                    "mail.smtp.username et mail.smtp.password vont ensemble : \
                     définissez les deux ou aucun."
                        .into(),
                ));
            }
        };
        let link = if settings.pool_max_size == 0 {
            Link::Direct(Direct {
                host,
                port,
                timeout,
                tls: settings.tls,
                parameters,
                credentials,
                hello: ClientId::default(),
            })
        } else {
            let tls = match (settings.tls, parameters) {
                (SmtpTls::Starttls, Some(parameters)) => Tls::Required(parameters),
                (SmtpTls::Tls, Some(parameters)) => Tls::Wrapper(parameters),
                _ => Tls::None,
            };
            let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
                .port(port)
                .timeout(Some(timeout))
                .tls(tls)
                .pool_config(
                    PoolConfig::new()
                        .max_size(settings.pool_max_size)
                        .idle_timeout(Duration::from_secs(
                            settings.pool_idle_timeout_seconds.max(1),
                        )),
                );
            if let Some(credentials) = credentials {
                builder = builder.credentials(credentials);
            }
            Link::Pooled(builder.build())
        };
        Ok(Self { from, link })
    }

    /// Whether connections are kept between messages.
    pub fn is_pooled(&self) -> bool {
        matches!(self.link, Link::Pooled(_))
    }
}

fn tls_parameters(host: &str, settings: &SmtpSettings) -> Result<TlsParameters, ServerError> {
    let mut builder = TlsParameters::builder(host.to_owned());
    if let Some(path) = &settings.ca_file {
        let pem = std::fs::read(path).map_err(|err| {
            ServerError::Config(format!(
                "mail.smtp.ca_file : lecture de {} impossible ({err}).",
                path.display()
            ))
        })?;
        let certificate = Certificate::from_pem(&pem).map_err(|err| {
            ServerError::Config(format!(
                "mail.smtp.ca_file : {} n'est pas un certificat PEM ({err}).",
                path.display()
            ))
        })?;
        builder = builder.add_root_certificate(certificate);
    }
    builder
        .build()
        .map_err(|err| ServerError::Config(format!("mail.smtp : TLS impossible ({err}).")))
}

impl Direct {
    async fn send(&self, envelope: &Envelope, bytes: &[u8]) -> Result<(), SmtpError> {
        let implicit = match self.tls {
            SmtpTls::Tls => self.parameters.clone(),
            SmtpTls::Starttls | SmtpTls::None => None,
        };
        let mut connection = AsyncSmtpConnection::connect_tokio1(
            (self.host.as_str(), self.port),
            Some(self.timeout),
            &self.hello,
            implicit,
            None,
        )
        .await?;
        if let (SmtpTls::Starttls, Some(parameters)) = (self.tls, &self.parameters) {
            connection.starttls(parameters.clone(), &self.hello).await?;
        }
        if let Some(credentials) = &self.credentials {
            connection.auth(DEFAULT_MECHANISMS, credentials).await?;
        }
        let sent = connection.send(envelope, bytes).await;
        match sent {
            // Accepted: a failing QUIT must not turn it into a retry (and
            // a duplicate).
            Ok(_) => {
                let _ = connection.quit().await;
                Ok(())
            }
            Err(err) => {
                connection.abort().await;
                Err(err)
            }
        }
    }
}

#[async_trait]
impl Mailer for SmtpMailer {
    async fn send(&self, mail: &OutgoingMail) -> Result<(), MailError> {
        let message = message::build(&self.from, mail)?;
        let bytes = message.formatted();
        let envelope = message.envelope();
        let sent = match &self.link {
            Link::Pooled(transport) => transport.send_raw(envelope, &bytes).await.map(|_| ()),
            Link::Direct(direct) => direct.send(envelope, &bytes).await,
        };
        sent.map_err(classify)
    }
}

/// A refusal about the message itself (mailbox unknown or refused, bad
/// address syntax) is permanent; everything else, authentication and relay
/// refusals included, may be a configuration being fixed: retried.
fn classify(err: SmtpError) -> MailError {
    let text = format!("serveur SMTP : {err}");
    let code = err
        .status()
        .and_then(|code| code.to_string().parse::<u16>().ok());
    match code {
        Some(501 | 550 | 551 | 552 | 553) => MailError::Permanent(text),
        _ => MailError::Transient(text),
    }
}
