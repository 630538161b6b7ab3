//! Login, refresh and logout.

use std::net::IpAddr;
use std::sync::Arc;

use chrono::{Duration as ChronoDuration, Utc};
use relais_domain::{Email, Role};
use relais_store::entities::{tenant, user};
use relais_store::{Caller, RefreshOutcome, Store};

use super::tokens::{new_refresh_token, refresh_token_hash};
use super::{LoginLimiter, PasswordHasher, RateLimits, TokenKeys};
use crate::ApiError;

/// Settings of the authentication service.
#[derive(Debug, Clone)]
pub struct AuthSettings {
    pub access_token_ttl_seconds: i64,
    pub refresh_token_ttl_days: i64,
    pub rate_limits: RateLimits,
}

/// What a successful login or refresh gives.
#[derive(Debug, Clone)]
pub struct Session {
    pub access_token: String,
    pub refresh_token: String,
    pub expires_in: i64,
    pub user: user::Model,
    /// The user's tenant: the request that logs in is anonymous, so the
    /// payload cannot load it through the caller's repositories.
    pub tenant: Option<tenant::Model>,
}

const BAD_CREDENTIALS: &str =
    "Adresse e-mail ou mot de passe incorrect. Vérifiez-les et réessayez.";
const BAD_REFRESH: &str = "Session invalide ou expirée : reconnectez-vous.";

/// Authenticates people. Shared by every request (cheap to clone).
#[derive(Clone)]
pub struct AuthService {
    inner: Arc<Inner>,
}

struct Inner {
    store: Store,
    keys: TokenKeys,
    hasher: PasswordHasher,
    limiter: LoginLimiter,
    settings: AuthSettings,
}

impl AuthService {
    pub fn new(store: Store, keys: TokenKeys, settings: AuthSettings) -> Result<Self, ApiError> {
        Ok(Self {
            inner: Arc::new(Inner {
                store,
                keys,
                hasher: PasswordHasher::new()?,
                limiter: LoginLimiter::new(settings.rate_limits),
                settings,
            }),
        })
    }

    pub fn keys(&self) -> &TokenKeys {
        &self.inner.keys
    }

    pub fn hasher(&self) -> &PasswordHasher {
        &self.inner.hasher
    }

    /// Checks e-mail and password. Whether the e-mail exists is never told:
    /// unknown account, wrong password and disabled account answer alike and
    /// take the same time.
    #[tracing::instrument(skip_all, err(level = "info", Debug))]
    pub async fn login(
        &self,
        email: &str,
        password: String,
        client: Option<IpAddr>,
    ) -> Result<Session, ApiError> {
        let inner = &self.inner;
        let key = email.trim().to_lowercase();
        inner
            .limiter
            .check(&key, client)
            .map_err(ApiError::rate_limited)?;
        let email = Email::parse("email", email)?;
        let credentials = inner.store.credentials();
        let account = credentials.find_by_email(&email).await?;
        let matched = inner
            .hasher
            .verify(password, account.as_ref().map(|a| a.password_hash.clone()))
            .await?;
        let Some(account) = account else {
            return Err(ApiError::unauthenticated(BAD_CREDENTIALS));
        };
        if !matched || account.disabled {
            let reason = if account.disabled {
                "Connexion refusée : compte désactivé."
            } else {
                "Connexion refusée : mot de passe incorrect."
            };
            credentials.login_failed(&account, reason).await?;
            return Err(ApiError::unauthenticated(BAD_CREDENTIALS));
        }
        let (refresh_token, refresh_hash) = new_refresh_token();
        credentials
            .login_succeeded(&account, refresh_hash, self.refresh_expiry())
            .await?;
        self.session(account, refresh_token).await
    }

    /// Spends `presented` and returns a new session. A token presented twice
    /// revokes every token of its login (reuse detection).
    #[tracing::instrument(skip_all, err(level = "info", Debug))]
    pub async fn refresh(&self, presented: &str) -> Result<Session, ApiError> {
        let (next, next_hash) = new_refresh_token();
        let outcome = self
            .inner
            .store
            .credentials()
            .rotate(
                &refresh_token_hash(presented),
                next_hash,
                self.refresh_expiry(),
            )
            .await?;
        match outcome {
            RefreshOutcome::Rotated { user } => self.session(user, next).await,
            RefreshOutcome::Reused => {
                tracing::warn!("refresh token reused: session family revoked");
                Err(ApiError::unauthenticated(
                    "Ce jeton de renouvellement a déjà servi : par sécurité, la session est fermée. Reconnectez-vous.",
                ))
            }
            RefreshOutcome::Invalid => Err(ApiError::unauthenticated(BAD_REFRESH)),
        }
    }

    /// Revokes the session the refresh token belongs to.
    pub async fn logout(&self, presented: &str) -> Result<bool, ApiError> {
        Ok(self
            .inner
            .store
            .credentials()
            .logout(&refresh_token_hash(presented))
            .await?)
    }

    fn refresh_expiry(&self) -> chrono::DateTime<Utc> {
        Utc::now() + ChronoDuration::days(self.inner.settings.refresh_token_ttl_days)
    }

    async fn session(
        &self,
        account: user::Model,
        refresh_token: String,
    ) -> Result<Session, ApiError> {
        let role: Role = account.role.parse().map_err(|_| ApiError::internal())?;
        let caller = Caller {
            user_id: Some(account.id),
            email: Some(account.email.clone()),
            role,
            tenant_id: account.tenant_id,
        };
        let ttl = self.inner.settings.access_token_ttl_seconds;
        let claims = self.inner.keys.claims_for(account.id, &caller, ttl);
        let tenant = self.inner.store.credentials().tenant_of(&account).await?;
        Ok(Session {
            access_token: self.inner.keys.sign(&claims)?,
            refresh_token,
            expires_in: ttl,
            user: account,
            tenant,
        })
    }
}
