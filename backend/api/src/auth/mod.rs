//! Authentication: password hashing, access and refresh tokens, login rate
//! limiting, and the service that ties them together.

mod limiter;
mod passwords;
mod service;
mod tokens;

pub use limiter::{LoginLimiter, RateLimits};
pub use passwords::{PasswordHasher, hash_password, verify_password};
pub use service::{AuthService, AuthSettings, Session};
pub use tokens::{AccessClaims, TokenKeys, TokenRejection};
