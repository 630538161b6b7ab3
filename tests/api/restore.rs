//! The restore drill of docs/operations.md ("Backup and restore"), as an
//! operator would run it: `pg_dump` of the database and a copy of the
//! objects, taken together; a new empty database restored with
//! `pg_restore`; Relais started on it with the same master key: a stored
//! file still downloads, decrypted, byte for byte. Without the master key it
//! does not.
//!
//! PostgreSQL only (the production database; the embedded SQLite file is
//! copied with `sqlite3 .backup`).

use std::path::Path;
use std::process::Command;

use relais_tests::services::postgres::TestDatabase;
use secrecy::SecretString;

use crate::exports::{fixture, generate};
use crate::helpers::{Backend, TestApp, USER_PASSWORD, spawn_app_with};

const MASTER_KEY: &str = "cmVzdG9yZS1kcmlsbC1tYXN0ZXIta2V5LTMyLWJ5dGU=";
const OTHER_KEY: &str = "YW5vdGhlci1tYXN0ZXIta2V5LW9mLTMyLWJ5dGVzISE=";
const OPERATOR: &str = "operator_admin@alpha.test";

fn run(command: &mut Command) {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("{command:?}: {e}"));
    assert!(
        output.status.success(),
        "{command:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Relais on the restored database and objects, with `master_key`.
async fn start_on(database_url: &str, objects: &Path, master_key: &str) -> TestApp {
    let (url, objects, key) = (
        database_url.to_owned(),
        objects.to_path_buf(),
        master_key.to_owned(),
    );
    // The SQLite backend creates no database of its own: the settings point
    // at the restored PostgreSQL one.
    spawn_app_with(Backend::Sqlite, move |settings| {
        settings.database.url = Some(SecretString::from(url));
        settings.storage.local_dir = Some(objects);
        settings.storage.master_key = Some(SecretString::from(key));
    })
    .await
}

mod postgres {
    use super::*;

    #[tokio::test]
    async fn a_backup_restored_into_an_empty_database_still_serves_its_files() {
        if relais_tests::services::postgres::skipped() {
            relais_tests::services::skip("PostgreSQL absent");
            return;
        }
        // Arrange: a stored file (an encrypted account-matching file).
        let live = fixture(Backend::Postgres, |settings| {
            settings.storage.master_key = Some(SecretString::from(MASTER_KEY.to_owned()));
        })
        .await;
        let token = live.app.token(OPERATOR, USER_PASSWORD).await;
        let generated = generate(&live.app, &token, &live.lycee).await;
        let id = generated["data"]["generateAccountMatchingFile"]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("{generated}"))
            .to_owned();
        let path = format!("/files/{id}/download");
        let original = live.app.get_with_token(&path, &token).await;
        assert_eq!(original.status(), 200);
        let original = original.bytes().await.unwrap();

        // Backup: the database and the objects, together.
        let backup = tempfile::tempdir().unwrap();
        let dump = backup.path().join("relais.dump");
        let live_url = live.app.settings.database_url().unwrap();
        run(Command::new("pg_dump")
            .args(["--format=custom", "--no-owner", "--file"])
            .arg(&dump)
            .arg(&live_url));
        copy_tree(
            &live.app.settings.data_dir.join("objects"),
            &backup.path().join("objects"),
        );

        // Restore into a new, empty database and a new objects directory.
        let restored = TestDatabase::create().await.unwrap();
        run(Command::new("pg_restore")
            .args(["--no-owner", "--exit-on-error", "--dbname"])
            .arg(&restored.url)
            .arg(&dump));
        let objects = tempfile::tempdir().unwrap();
        copy_tree(&backup.path().join("objects"), objects.path());
        drop(live);

        // Assert: the accounts, the row and the object came back, and the
        // file decrypts with the master key kept beside the backup.
        let app = start_on(&restored.url, objects.path(), MASTER_KEY).await;
        let token = app.token(OPERATOR, USER_PASSWORD).await;
        let downloaded = app.get_with_token(&path, &token).await;
        assert_eq!(downloaded.status(), 200);
        assert_eq!(downloaded.bytes().await.unwrap(), original);

        // Without that master key the same backup is unreadable.
        let keyless = start_on(&restored.url, objects.path(), OTHER_KEY).await;
        let token = keyless.token(OPERATOR, USER_PASSWORD).await;
        let refused = keyless.get_with_token(&path, &token).await;
        assert_ne!(refused.status(), 200);
        assert_ne!(refused.bytes().await.unwrap(), original);
    }
}
