//! Why a fetch failed, and what the person who registered the feed is told.

use std::fmt;
use std::net::IpAddr;
use std::time::Duration;

/// Why a fetch failed; the messages are shown to the person who registered
/// the feed.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("L'adresse du flux n'est pas une adresse web valide.")]
    InvalidUrl(#[source] url::ParseError),
    #[error("Seules les adresses http et https sont acceptées (pas « {0} »).")]
    UnsupportedScheme(String),
    #[error("L'adresse doit être en https.")]
    HttpsRequired,
    #[error("L'adresse ne doit contenir ni identifiant ni mot de passe.")]
    CredentialsInUrl,
    #[error("L'adresse n'indique pas de serveur.")]
    MissingHost,
    #[error("Le nom de serveur {host} n'a pas pu être résolu.")]
    Resolution {
        host: String,
        #[source]
        source: std::io::Error,
    },
    #[error("Le nom de serveur {host} ne correspond à aucune adresse.")]
    NoAddress { host: String },
    #[error("Adresse refusée : {0} est une adresse locale ou privée.")]
    RefusedAddress(IpAddr),
    #[error("Trop de redirections (plus de {0}).")]
    TooManyRedirects(usize),
    #[error("Redirection HTTP {status} sans adresse de destination valide.")]
    BadRedirect { status: u16 },
    #[error("Réponse HTTP {0} du serveur.")]
    HttpStatus(u16),
    #[error("Le flux dépasse la taille maximale de {}.", Size(*.max_bytes))]
    TooLarge { max_bytes: usize },
    #[error("Le serveur n'a pas répondu dans les {}.", Delay(*.0))]
    Timeout(Duration),
    #[error("La connexion au serveur a échoué : {detail}.")]
    Network {
        /// The innermost cause (« Connection refused », a TLS error…).
        detail: String,
        #[source]
        source: reqwest::Error,
    },
    #[error("Le client HTTP n'a pas pu être préparé.")]
    Client(#[source] reqwest::Error),
}

impl FetchError {
    /// What a tenant may be told: refused, unreachable, timed out or bad
    /// answer, in French. The details (address, status, cause) go to the
    /// server's logs only.
    pub fn public_message(&self) -> String {
        match self {
            FetchError::InvalidUrl(_)
            | FetchError::UnsupportedScheme(_)
            | FetchError::HttpsRequired
            | FetchError::CredentialsInUrl
            | FetchError::MissingHost
            | FetchError::RefusedAddress(_) => {
                "Adresse refusée : Relais n'accepte pas ce serveur (adresse locale ou privée, ou adresse invalide).".to_owned()
            }
            FetchError::Resolution { .. }
            | FetchError::NoAddress { .. }
            | FetchError::Network { .. }
            | FetchError::Client(_) => "Serveur injoignable.".to_owned(),
            FetchError::Timeout(delay) => {
                format!("Délai dépassé : le serveur n'a pas répondu dans les {}.", Delay(*delay))
            }
            FetchError::TooManyRedirects(_)
            | FetchError::BadRedirect { .. }
            | FetchError::HttpStatus(_)
            | FetchError::TooLarge { .. } => "Réponse inexploitable du serveur.".to_owned(),
        }
    }

    /// A transport error, named by its innermost cause.
    pub fn network(source: reqwest::Error) -> Self {
        let mut cause: &dyn std::error::Error = &source;
        while let Some(next) = cause.source() {
            cause = next;
        }
        let detail = cause.to_string().trim_end_matches('.').to_owned();
        Self::Network { detail, source }
    }
}

/// A size in bytes, the French way (« 20 Mo »).
pub(super) struct Size(pub(super) usize);

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const KIB: usize = 1024;
        const MIB: usize = 1024 * 1024;
        match self.0 {
            n if n >= MIB && n % MIB == 0 => write!(f, "{} Mo", n / MIB),
            n if n >= KIB && n % KIB == 0 => write!(f, "{} Ko", n / KIB),
            1 => f.write_str("1 octet"),
            n => write!(f, "{n} octets"),
        }
    }
}

/// A delay, in seconds when whole (« 20 s »), else in milliseconds.
struct Delay(Duration);

impl fmt::Display for Delay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.subsec_nanos() == 0 {
            write!(f, "{} s", self.0.as_secs())
        } else {
            write!(f, "{} ms", self.0.as_millis())
        }
    }
}
