//! Authentication: password hashing, access and refresh tokens, login rate
//! limiting, and the service that ties them together.

mod limiter;
mod passwords;
mod service;
mod tokens;

pub use limiter::{AddressKey, LoginLimiter, RateLimits};
pub use passwords::{HashingLimits, PasswordHasher, hash_password, verify_password};
pub use service::{AuthService, AuthSettings, Session};
pub use tokens::{
    AccessClaims, TokenKeys, TokenRejection, new_refresh_token as new_secret_token,
    refresh_token_hash as secret_token_hash,
};

/// What a request's `Authorization` header said, as the HTTP layer hands
/// it to the API and to the routes.
#[derive(Debug, Clone)]
pub enum RequestAuth {
    Anonymous,
    Authenticated(relais_store::Caller),
    Rejected(TokenRejection),
}
