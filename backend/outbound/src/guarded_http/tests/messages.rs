//! What a tenant is told; the default policy.

use super::*;

#[test]
fn messages_in_french() {
    assert_eq!(
        FetchError::TooLarge {
            max_bytes: FetchPolicy::default().max_bytes
        }
        .to_string(),
        "Le flux dépasse la taille maximale de 20 Mo."
    );
    assert_eq!(
        FetchError::Timeout(FetchPolicy::default().timeout).to_string(),
        "Le serveur n'a pas répondu dans les 20 s."
    );
    assert_eq!(
        FetchError::TooManyRedirects(3).to_string(),
        "Trop de redirections (plus de 3)."
    );
    assert_eq!(Size(1500).to_string(), "1500 octets");
}

#[test]
fn default_policy() {
    let policy = FetchPolicy::default();
    assert_eq!(policy.timeout, Duration::from_secs(20));
    assert_eq!(policy.max_bytes, 20 * 1024 * 1024);
    assert_eq!(policy.max_redirects, 3);
    assert!(policy.allowed_networks.is_empty());
}
