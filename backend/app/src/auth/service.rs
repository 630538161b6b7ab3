//! Login, refresh and logout.

use std::net::IpAddr;
use std::sync::Arc;

use chrono::{Duration as ChronoDuration, Utc};
use relais_domain::{Email, Password, TenantId};
use relais_store::{AccountState, Caller, RefreshOutcome, ResetOutcome, Store, Tenant, User};

use super::tokens::{new_refresh_token, refresh_token_hash};
use super::{HashingLimits, LoginLimiter, PasswordHasher, RateLimits, TokenKeys, TokenRejection};
use crate::AppError;

/// Settings of the authentication service.
#[derive(Debug, Clone)]
pub struct AuthSettings {
    pub access_token_ttl_seconds: i64,
    pub refresh_token_ttl_days: i64,
    pub rate_limits: RateLimits,
    pub hashing: HashingLimits,
    /// How long a password reset link is valid.
    pub password_reset_minutes: i64,
}

/// What a successful login or refresh gives.
#[derive(Debug, Clone)]
pub struct Session {
    pub access_token: String,
    pub refresh_token: String,
    pub expires_in: i64,
    pub user: User,
    /// The user's tenant: the request that logs in is anonymous, so the
    /// payload cannot load it through the caller's repositories.
    pub tenant: Option<Tenant>,
}

const BAD_CREDENTIALS: &str =
    "Adresse e-mail ou mot de passe incorrect. Vérifiez-les et réessayez.";
fn invalid_reset() -> AppError {
    AppError::validation(
            "token",
            "Ce lien de réinitialisation n'est plus valable (déjà utilisé ou expiré) : demandez-en un nouveau à votre administrateur.",
        ).with_reason("RESET_LINK_INVALID")
}

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
    pub fn new(store: Store, keys: TokenKeys, settings: AuthSettings) -> Result<Self, AppError> {
        // Several replicas share a PostgreSQL database: so do their login
        // counters (issue 18).
        let limiter = if store.is_shared_database() {
            LoginLimiter::shared(settings.rate_limits, store.clone())
        } else {
            LoginLimiter::new(settings.rate_limits)
        };
        Ok(Self {
            inner: Arc::new(Inner {
                store,
                keys,
                hasher: PasswordHasher::with_limits(settings.hashing)?,
                limiter,
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

    pub fn settings(&self) -> &AuthSettings {
        &self.inner.settings
    }

    /// Checks an access token, then that its account still exists, is
    /// enabled and has the token's session generation (issue 13, item 10):
    /// a cached read of the account's row, refreshed every few seconds and
    /// dropped at once by changes made through this process.
    pub async fn check_access(&self, token: &str) -> Result<Caller, TokenRejection> {
        let (caller, generation) = self.inner.keys.verify_session(token)?;
        let Some(id) = caller.user_id else {
            return Err(TokenRejection::Invalid);
        };
        match self.inner.store.account_state(id).await {
            Ok(AccountState::Active {
                generation: current,
            }) if current == generation => Ok(caller),
            Ok(_) => Err(TokenRejection::Revoked),
            Err(error) => {
                // Fail closed: a token is not honoured without its account.
                tracing::error!(error = %error, "account state could not be read");
                Err(TokenRejection::Invalid)
            }
        }
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
    ) -> Result<Session, AppError> {
        let inner = &self.inner;
        let key = email.trim().to_lowercase();
        let attempt = inner.limiter.check(&key, client).await?;
        if !attempt.wait.is_zero() {
            // The account is past its failures: slowed down, not locked.
            tokio::time::sleep(attempt.wait).await;
        }
        let email = Email::parse("email", email)?;
        let credentials = inner.store.credentials();
        let account = credentials.find_by_email(&email).await?;
        let matched = inner
            .hasher
            .verify(password, account.as_ref().map(|a| a.password_hash.clone()))
            .await?;
        let Some(account) = account else {
            inner.limiter.failed(&key, &attempt).await?;
            return Err(AppError::unauthenticated(BAD_CREDENTIALS));
        };
        if !matched || account.disabled {
            inner.limiter.failed(&key, &attempt).await?;
            let reason = if account.disabled {
                "Connexion refusée : compte désactivé."
            } else {
                "Connexion refusée : mot de passe incorrect."
            };
            credentials.login_failed(&account, reason).await?;
            return Err(AppError::unauthenticated(BAD_CREDENTIALS));
        }
        inner.limiter.succeeded(&key, &attempt).await?;
        let (refresh_token, refresh_hash) = new_refresh_token();
        credentials
            .login_succeeded(&account, refresh_hash, self.refresh_expiry())
            .await?;
        self.session(account, refresh_token).await
    }

    /// Spends `presented` and returns a new session. A token presented twice
    /// revokes every token of its login (reuse detection).
    #[tracing::instrument(skip_all, err(level = "info", Debug))]
    pub async fn refresh(&self, presented: &str) -> Result<Session, AppError> {
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
                Err(AppError::unauthenticated(
                    "Ce jeton de renouvellement a déjà servi : par sécurité, la session est fermée. Reconnectez-vous.",
                ))
            }
            RefreshOutcome::Invalid => Err(AppError::unauthenticated(BAD_REFRESH)),
        }
    }

    /// Revokes the session the refresh token belongs to.
    pub async fn logout(&self, presented: &str) -> Result<bool, AppError> {
        Ok(self
            .inner
            .store
            .credentials()
            .logout(&refresh_token_hash(presented))
            .await?)
    }

    /// Changes the caller's own password: the current one is required
    /// (wrong answers count as failed logins), the new one must follow the
    /// rules; every other session of the account is closed and a new one
    /// is opened for this device (issue 13, item 9).
    #[tracing::instrument(skip_all, err(level = "info", Debug))]
    pub async fn change_password(
        &self,
        caller: &Caller,
        current: String,
        new: String,
    ) -> Result<Session, AppError> {
        let inner = &self.inner;
        let id = caller.user_id.ok_or_else(AppError::not_logged_in)?;
        let credentials = inner.store.credentials();
        let account = credentials
            .find_user(id.into())
            .await?
            .filter(|a| !a.disabled)
            .ok_or_else(AppError::not_logged_in)?;
        let new = Password::new_checked("newPassword", &new)?;
        if new.expose() == current {
            return Err(AppError::validation(
                "newPassword",
                "Choisissez un mot de passe différent de l'actuel.",
            ));
        }
        let attempt = inner.limiter.check(account.email.as_str(), None).await?;
        if !attempt.wait.is_zero() {
            tokio::time::sleep(attempt.wait).await;
        }
        let matched = inner
            .hasher
            .verify(current, Some(account.password_hash.clone()))
            .await?;
        if !matched {
            inner
                .limiter
                .failed(account.email.as_str(), &attempt)
                .await?;
            credentials
                .login_failed(
                    &account,
                    "Changement de mot de passe refusé : mot de passe actuel incorrect.",
                )
                .await?;
            return Err(AppError::validation(
                "currentPassword",
                "Le mot de passe actuel est incorrect.",
            ));
        }
        inner
            .limiter
            .succeeded(account.email.as_str(), &attempt)
            .await?;
        let hash = inner.hasher.hash(new.expose().to_owned()).await?;
        let (refresh_token, refresh_hash) = new_refresh_token();
        let account = credentials
            .change_password(&account, hash, refresh_hash, self.refresh_expiry())
            .await?;
        self.session(account, refresh_token).await
    }

    /// A new reset token and the hash stored for it, with its expiry.
    pub fn new_reset_token(&self) -> (String, String, chrono::DateTime<Utc>) {
        let (token, hash) = new_refresh_token();
        let expires =
            Utc::now() + ChronoDuration::minutes(self.inner.settings.password_reset_minutes.max(1));
        (token, hash, expires)
    }

    /// Sets a new password with a reset link's token: the link serves once,
    /// every session of the account is closed.
    #[tracing::instrument(skip_all, err(level = "info", Debug))]
    pub async fn reset_password(&self, token: &str, new: String) -> Result<(), AppError> {
        let new = Password::new_checked("newPassword", &new)?;
        let credentials = self.inner.store.credentials();
        let token_hash = refresh_token_hash(token.trim());
        // Checked before hashing: an invalid token costs no argon2.
        if !credentials.reset_is_valid(&token_hash).await? {
            return Err(invalid_reset());
        }
        let hash = self.inner.hasher.hash(new.expose().to_owned()).await?;
        match credentials.reset_password(&token_hash, hash).await? {
            ResetOutcome::Done { .. } => Ok(()),
            ResetOutcome::Invalid => Err(invalid_reset()),
        }
    }

    fn refresh_expiry(&self) -> chrono::DateTime<Utc> {
        Utc::now() + ChronoDuration::days(self.inner.settings.refresh_token_ttl_days)
    }

    async fn session(&self, account: User, refresh_token: String) -> Result<Session, AppError> {
        let caller = Caller {
            user_id: Some(account.id.uuid()),
            email: Some(account.email.to_string()),
            role: account.role,
            tenant_id: account.tenant_id.map(TenantId::uuid),
        };
        let ttl = self.inner.settings.access_token_ttl_seconds;
        let mut claims = self.inner.keys.claims_for(account.id.uuid(), &caller, ttl);
        claims.session_generation = account.session_generation;
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
