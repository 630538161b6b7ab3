//! Short-lived JWT access tokens (HS256, pinned) and opaque refresh tokens.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Utc;
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore;
use relais_domain::Role;
use relais_store::Caller;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::AppError;

/// The claims of an access token.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AccessClaims {
    pub iss: String,
    pub aud: String,
    /// The user's id.
    pub sub: Uuid,
    pub iat: i64,
    pub exp: i64,
    pub jti: Uuid,
    pub role: Role,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tid: Option<Uuid>,
    pub email: String,
    /// The account's session generation when the token was issued
    /// (issue 13, item 10); tokens of an older generation are refused.
    #[serde(rename = "sgen", default)]
    pub session_generation: i64,
}

/// Why an access token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenRejection {
    Expired,
    Invalid,
    /// The account was disabled or deleted, or its password changed, since
    /// the token was issued.
    Revoked,
}

impl From<&TokenRejection> for AppError {
    fn from(rejection: &TokenRejection) -> Self {
        match rejection {
            TokenRejection::Expired => {
                AppError::unauthenticated("Votre session a expiré : reconnectez-vous.")
            }
            TokenRejection::Invalid => {
                AppError::unauthenticated("Jeton d'accès invalide : reconnectez-vous.")
            }
            TokenRejection::Revoked => AppError::unauthenticated(
                    "Votre session a été fermée (compte désactivé ou supprimé, ou mot de passe changé) : reconnectez-vous.",
                ).with_reason("SESSION_REVOKED"),
        }
    }
}

/// Signs and checks access tokens.
#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    issuer: String,
    audience: String,
}

impl TokenKeys {
    pub fn new(secret: &[u8], issuer: &str, audience: &str) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[issuer]);
        validation.set_audience(&[audience]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 5;
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            issuer: issuer.to_owned(),
            audience: audience.to_owned(),
        }
    }

    /// Claims for `caller`, valid `ttl_seconds` from now.
    pub fn claims_for(&self, user_id: Uuid, caller: &Caller, ttl_seconds: i64) -> AccessClaims {
        let now = Utc::now().timestamp();
        AccessClaims {
            iss: self.issuer.clone(),
            aud: self.audience.clone(),
            sub: user_id,
            iat: now,
            exp: now + ttl_seconds,
            jti: Uuid::new_v4(),
            role: caller.role,
            tid: caller.tenant_id,
            email: caller.email.clone().unwrap_or_default(),
            session_generation: 0,
        }
    }

    pub fn sign(&self, claims: &AccessClaims) -> Result<String, AppError> {
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), claims, &self.encoding).map_err(
            |err| {
                tracing::error!(error = %err, "token signing failed");
                AppError::internal()
            },
        )
    }

    /// Checks signature, algorithm, issuer, audience and expiry.
    pub fn verify(&self, token: &str) -> Result<Caller, TokenRejection> {
        self.verify_session(token).map(|(caller, _)| caller)
    }

    /// [`Self::verify`], with the session generation the token carries.
    pub fn verify_session(&self, token: &str) -> Result<(Caller, i64), TokenRejection> {
        let data = jsonwebtoken::decode::<AccessClaims>(token, &self.decoding, &self.validation)
            .map_err(|err| match err.kind() {
                ErrorKind::ExpiredSignature => TokenRejection::Expired,
                _ => TokenRejection::Invalid,
            })?;
        let claims = data.claims;
        if claims.role.belongs_to_tenant() != claims.tid.is_some() {
            return Err(TokenRejection::Invalid);
        }
        Ok((
            Caller {
                user_id: Some(claims.sub),
                email: Some(claims.email),
                role: claims.role,
                tenant_id: claims.tid,
            },
            claims.session_generation,
        ))
    }
}

/// A new random token (256 bits: refresh tokens, reset links) and the hash
/// stored for it.
pub fn new_refresh_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let hash = refresh_token_hash(&token);
    (token, hash)
}

/// The stored form of a token: SHA-256, hex.
pub fn refresh_token_hash(token: &str) -> String {
    relais_domain::formatting::hex(&Sha256::digest(token.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caller() -> Caller {
        Caller {
            user_id: Some(Uuid::nil()),
            email: Some("a@b.fr".into()),
            role: Role::Helpdesk,
            tenant_id: Some(Uuid::nil()),
        }
    }

    #[test]
    fn a_signed_token_verifies_and_a_foreign_one_does_not() {
        let keys = TokenKeys::new(b"0123456789abcdef0123456789abcdef", "relais", "relais-api");
        let token = keys
            .sign(&keys.claims_for(Uuid::nil(), &caller(), 60))
            .unwrap();
        assert_eq!(keys.verify(&token).unwrap().role, Role::Helpdesk);

        let other = TokenKeys::new(b"another secret of thirty-two b!!", "relais", "relais-api");
        assert_eq!(other.verify(&token).unwrap_err(), TokenRejection::Invalid);
        let wrong_audience = TokenKeys::new(b"0123456789abcdef0123456789abcdef", "relais", "other");
        assert_eq!(
            wrong_audience.verify(&token).unwrap_err(),
            TokenRejection::Invalid
        );
    }

    #[test]
    fn an_expired_token_is_told_apart() {
        let keys = TokenKeys::new(b"0123456789abcdef0123456789abcdef", "relais", "relais-api");
        let token = keys
            .sign(&keys.claims_for(Uuid::nil(), &caller(), -120))
            .unwrap();
        assert_eq!(keys.verify(&token).unwrap_err(), TokenRejection::Expired);
    }

    #[test]
    fn refresh_tokens_are_random_and_hashed() {
        let (a, hash_a) = new_refresh_token();
        let (b, _) = new_refresh_token();
        assert_ne!(a, b);
        assert_eq!(hash_a, refresh_token_hash(&a));
        assert_eq!(hash_a.len(), 64);
    }
}
