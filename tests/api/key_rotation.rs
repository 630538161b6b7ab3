//! Rotating the master key on a running cluster (docs/operations.md,
//! "Rotating keys on a running cluster"): replicas configured with the new
//! key and the old one in `storage.previous_master_key_files` read every
//! file while replicas still on the old key keep working; the re-wrap then
//! moves every tenant key to the new master key, after which the old one is
//! no longer needed.

use relais_objects::keys::MasterKey;
use secrecy::SecretString;

use crate::exports::{fixture, generate};
use crate::helpers::{Backend, TestApp, USER_PASSWORD, spawn_app_with};

const OLD_KEY: &str = "cmVzdG9yZS1kcmlsbC1tYXN0ZXIta2V5LTMyLWJ5dGU=";
const NEW_KEY: &str = "YW5vdGhlci1tYXN0ZXIta2V5LW9mLTMyLWJ5dGVzISE=";
const OPERATOR: &str = "operator_admin@alpha.test";

/// Another replica on `live`'s database and objects, with these keys.
async fn replica(live: &TestApp, key: &str, previous: &[&std::path::Path]) -> TestApp {
    let url = live.settings.database_url().unwrap();
    let objects = live.settings.data_dir.join("objects");
    let key = key.to_owned();
    let previous: Vec<_> = previous.iter().map(|p| p.to_path_buf()).collect();
    // Backend::Sqlite creates no database: the settings point at live's.
    spawn_app_with(Backend::Sqlite, move |settings| {
        settings.database.url = Some(SecretString::from(url));
        settings.storage.local_dir = Some(objects);
        settings.storage.master_key = Some(SecretString::from(key));
        settings.storage.previous_master_key_files = previous;
    })
    .await
}

async fn download(app: &TestApp, path: &str) -> reqwest::StatusCode {
    let token = app.token(OPERATOR, USER_PASSWORD).await;
    app.get_with_token(path, &token).await.status()
}

async fn the_master_key_rotates_without_a_replica_failing_to_read_a_file(backend: Backend) {
    // Arrange: a file stored under the old master key.
    let live = fixture(backend, |settings| {
        settings.storage.master_key = Some(SecretString::from(OLD_KEY.to_owned()));
    })
    .await;
    let token = live.app.token(OPERATOR, USER_PASSWORD).await;
    let generated = generate(&live.app, &token, &live.lycee).await;
    let path = format!(
        "/files/{}/download",
        generated["data"]["generateAccountMatchingFile"]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("{generated}"))
    );
    let keys = tempfile::tempdir().unwrap();
    let old_file = keys.path().join("master-key.old");
    std::fs::write(&old_file, OLD_KEY).unwrap();

    // Act 1: the rollout — a replica with the new key, the old one kept.
    let rolled = replica(&live.app, NEW_KEY, &[&old_file]).await;

    // Assert: both generations read the file during the rollout.
    assert_eq!(download(&live.app, &path).await, 200);
    assert_eq!(download(&rolled, &path).await, 200);

    // Act 2: `relais admin rotate-master-key` (no --new-key-file).
    let old = MasterKey::from_base64(OLD_KEY).unwrap();
    let new = MasterKey::from_base64(NEW_KEY).unwrap();
    let report = relais_server::file_storage::rewrap_tenant_keys(&rolled.store, &[old], &new)
        .await
        .unwrap();
    assert_eq!((report.rewrapped, report.already_current), (1, 0));

    // Assert: the new key alone reads the file; the old key alone no
    // longer does (keep it only with the backups made before).
    let settled = replica(&live.app, NEW_KEY, &[]).await;
    assert_eq!(download(&settled, &path).await, 200);
    let stale = replica(&live.app, OLD_KEY, &[]).await;
    assert_ne!(download(&stale, &path).await, 200);
    let again = relais_server::file_storage::rewrap_tenant_keys(
        &rolled.store,
        &[MasterKey::from_base64(OLD_KEY).unwrap()],
        &MasterKey::from_base64(NEW_KEY).unwrap(),
    )
    .await
    .unwrap();
    assert_eq!((again.rewrapped, again.already_current), (0, 1));
}

on_both_databases!(the_master_key_rotates_without_a_replica_failing_to_read_a_file);
