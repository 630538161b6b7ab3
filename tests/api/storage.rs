//! Object storage against real backends: the local directory and Garage (a
//! real S3 server, `services::garage`). Every check runs on both; without
//! Garage (outside CI) the S3 half prints `SKIPPED (Garage absent)`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use futures_util::StreamExt;
use relais_objects::envelope::{CHUNK_OVERHEAD, CHUNK_SIZE, EncryptedStore, HEADER_LEN};
use relais_objects::keys::{MasterKey, TenantKey};
use relais_objects::s3::{S3Settings, S3Store};
use relais_objects::{ByteStream, LocalDirStore, ObjectKey, ObjectStore, StorageError};
use relais_tests::services::garage;
use sha2::{Digest, Sha256};
use tempfile::TempDir;
use uuid::Uuid;

/// The stores a check runs on.
struct Backends {
    stores: Vec<(&'static str, EncryptedStore)>,
    _dir: TempDir,
}

async fn backends() -> Backends {
    let dir = tempfile::tempdir().unwrap();
    let local: Arc<dyn ObjectStore> = Arc::new(LocalDirStore::new(dir.path()));
    let mut stores = vec![("local", EncryptedStore::new(local))];
    match garage::test_bucket().await {
        Ok(Some(settings)) => {
            let s3: Arc<dyn ObjectStore> = Arc::new(S3Store::connect(&settings).await.unwrap());
            stores.push(("garage", EncryptedStore::new(s3)));
        }
        Ok(None) => {}
        Err(err) => panic!("{err}"),
    }
    Backends { stores, _dir: dir }
}

/// A tenant as the server sees it: an id, its key wrapped by the master
/// key and unwrapped again, and the context of one of its objects.
struct Tenant {
    id: Uuid,
    key: TenantKey,
}

impl Tenant {
    fn new(master: &MasterKey) -> Self {
        let id = Uuid::new_v4();
        let wrapped = master.wrap_tenant_key(&TenantKey::generate(), id);
        Self {
            id,
            key: master.unwrap_tenant_key(&wrapped, id).unwrap(),
        }
    }

    fn object(&self, name: &str) -> (ObjectKey, Vec<u8>) {
        let key = ObjectKey::parse(&format!("tenants/{}/exports/{name}", self.id)).unwrap();
        let context = format!("relais/object/{}/{}", self.id, key.as_str()).into_bytes();
        (key, context)
    }
}

fn once(bytes: impl Into<Bytes>) -> ByteStream {
    let bytes = bytes.into();
    futures_util::stream::once(async move { Ok(bytes) }).boxed()
}

/// `size` bytes generated 1 MiB at a time (never all in memory), and their
/// SHA-256.
fn generated(size: usize) -> (ByteStream, [u8; 32]) {
    const PIECE: usize = 1024 * 1024;
    let piece = move |index: usize| -> Bytes {
        let len = PIECE.min(size - index * PIECE);
        Bytes::from(
            (0..len)
                .map(|i| ((i * 7 + index * 13) % 256) as u8)
                .collect::<Vec<_>>(),
        )
    };
    let pieces = size.div_ceil(PIECE);
    let mut digest = Sha256::new();
    for index in 0..pieces {
        digest.update(piece(index));
    }
    let stream = futures_util::stream::iter(0..pieces)
        .map(move |index| Ok(piece(index)))
        .boxed();
    (stream, digest.finalize().into())
}

async fn read(
    store: &EncryptedStore,
    key: &ObjectKey,
    tenant_key: &TenantKey,
    context: &[u8],
) -> Result<Vec<u8>, StorageError> {
    Ok(store
        .read_all(key, tenant_key, context, 1 << 30)
        .await?
        .to_vec())
}

/// The stored (encrypted) bytes, read around the envelope.
async fn raw(store: &EncryptedStore, key: &ObjectKey) -> Vec<u8> {
    let mut stream = store.backend().get(key).await.unwrap();
    let mut out = Vec::new();
    while let Some(chunk) = stream.next().await {
        out.extend_from_slice(&chunk.unwrap());
    }
    out
}

#[tokio::test]
async fn a_large_file_round_trips_intact_on_both_backends() {
    let backends = backends().await;
    let tenant = Tenant::new(&MasterKey::generate());
    let size = 64 * 1024 * 1024 + 123;
    for (name, store) in &backends.stores {
        let (key, context) = tenant.object("large.bin");
        let (plaintext, expected) = generated(size);

        let receipt = store
            .put(&key, &tenant.key, &context, plaintext)
            .await
            .unwrap();

        assert_eq!(receipt.plaintext_size, size as u64, "{name}");
        assert_eq!(receipt.sha256, expected, "{name}");
        let mut stream = store.get(&key, &tenant.key, &context).await.unwrap();
        let mut digest = Sha256::new();
        let mut read = 0usize;
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.unwrap();
            read += chunk.len();
            digest.update(&chunk);
        }
        assert_eq!(read, size, "{name}");
        assert_eq!(<[u8; 32]>::from(digest.finalize()), expected, "{name}");
        let listed = store.list(key.as_str()).await.unwrap();
        assert_eq!(listed[0].size, receipt.stored_size, "{name}");
    }
}

#[tokio::test]
async fn a_tampered_object_is_refused_on_both_backends() {
    let backends = backends().await;
    let tenant = Tenant::new(&MasterKey::generate());
    for (name, store) in &backends.stores {
        let (key, context) = tenant.object("tampered.xml");
        store
            .put(
                &key,
                &tenant.key,
                &context,
                once(vec![42u8; 3 * CHUNK_SIZE]),
            )
            .await
            .unwrap();
        let mut stored = raw(store, &key).await;
        stored[HEADER_LEN + CHUNK_SIZE + CHUNK_OVERHEAD + 10] ^= 0x01;
        store.backend().put(&key, once(stored)).await.unwrap();

        let err = read(store, &key, &tenant.key, &context).await.unwrap_err();

        assert!(matches!(err, StorageError::Tampered(_)), "{name}: {err}");
        assert_eq!(err.code(), "OBJECT_TAMPERED");
    }
}

#[tokio::test]
async fn a_truncated_object_is_refused_on_both_backends() {
    let backends = backends().await;
    let tenant = Tenant::new(&MasterKey::generate());
    for (name, store) in &backends.stores {
        let (key, context) = tenant.object("truncated.xml");
        store
            .put(
                &key,
                &tenant.key,
                &context,
                once(vec![7u8; 2 * CHUNK_SIZE + 1]),
            )
            .await
            .unwrap();
        let stored = raw(store, &key).await;
        let without_last_chunk = stored[..HEADER_LEN + CHUNK_SIZE + CHUNK_OVERHEAD].to_vec();
        store
            .backend()
            .put(&key, once(without_last_chunk))
            .await
            .unwrap();

        let err = read(store, &key, &tenant.key, &context).await.unwrap_err();

        assert!(matches!(err, StorageError::Truncated(_)), "{name}: {err}");
    }
}

#[tokio::test]
async fn another_tenant_cannot_read_an_object_on_both_backends() {
    let backends = backends().await;
    let master = MasterKey::generate();
    let (owner, intruder) = (Tenant::new(&master), Tenant::new(&master));
    for (name, store) in &backends.stores {
        let (key, context) = owner.object("private.csv");
        store
            .put(
                &key,
                &owner.key,
                &context,
                once(&b"0410017W;Dupont;Jeanne"[..]),
            )
            .await
            .unwrap();

        // With its own key, or with the owner's context: neither opens.
        let own_key = read(store, &key, &intruder.key, &context).await;
        let (_, intruder_context) = intruder.object("private.csv");
        let own_context = read(store, &key, &intruder.key, &intruder_context).await;
        // The object copied under the intruder's prefix does not open either.
        let (copy, copy_context) = intruder.object("stolen.csv");
        store
            .backend()
            .put(&copy, once(raw(store, &key).await))
            .await
            .unwrap();
        let copied = read(store, &copy, &intruder.key, &copy_context).await;

        for (what, result) in [("key", own_key), ("context", own_context), ("copy", copied)] {
            let err = result.unwrap_err();
            assert!(
                matches!(err, StorageError::Tampered(_)),
                "{name} {what}: {err}"
            );
        }
        assert_eq!(
            read(store, &key, &owner.key, &context).await.unwrap(),
            b"0410017W;Dupont;Jeanne"
        );
    }
}

#[tokio::test]
async fn a_deleted_object_is_gone_on_both_backends() {
    let backends = backends().await;
    let tenant = Tenant::new(&MasterKey::generate());
    for (name, store) in &backends.stores {
        let (key, context) = tenant.object("deleted.xml");
        store
            .put(&key, &tenant.key, &context, once(&b"<xml/>"[..]))
            .await
            .unwrap();

        store.delete(&key).await.unwrap();

        let err = read(store, &key, &tenant.key, &context).await.unwrap_err();
        assert!(matches!(err, StorageError::NotFound), "{name}: {err}");
        store.delete(&key).await.unwrap();
        assert!(store.list(key.as_str()).await.unwrap().is_empty(), "{name}");
    }
}

#[tokio::test]
async fn listing_shows_the_objects_under_a_prefix_on_both_backends() {
    let backends = backends().await;
    let master = MasterKey::generate();
    let (first, second) = (Tenant::new(&master), Tenant::new(&master));
    for (name, store) in &backends.stores {
        for (tenant, file) in [(&first, "a.xml"), (&first, "b.xml"), (&second, "c.xml")] {
            let (key, context) = tenant.object(file);
            store
                .put(&key, &tenant.key, &context, once(&b"contenu"[..]))
                .await
                .unwrap();
        }

        let listed = store.list(&format!("tenants/{}/", first.id)).await.unwrap();

        let mut keys: Vec<_> = listed
            .iter()
            .map(|info| info.key.as_str().to_owned())
            .collect();
        keys.sort();
        assert_eq!(
            keys,
            [first.object("a.xml").0, first.object("b.xml").0].map(|key| key.as_str().to_owned()),
            "{name}"
        );
        assert!(
            listed
                .iter()
                .all(|info| info.last_modified > chrono::Utc::now() - chrono::Duration::minutes(5)),
            "{name}"
        );
        assert_eq!(store.list("tenants/").await.unwrap().len(), 3, "{name}");
    }
}

#[tokio::test]
async fn an_unreachable_s3_store_gives_a_clear_error_quickly() {
    let closed_port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let settings = S3Settings {
        endpoint: Some(format!("http://127.0.0.1:{closed_port}")),
        path_style: true,
        access_key_id: Some("GK0000".into()),
        secret_access_key: Some("secret".into()),
        timeout: Duration::from_secs(5),
        ..S3Settings::new("relais", garage::REGION)
    };
    let store = EncryptedStore::new(Arc::new(S3Store::connect(&settings).await.unwrap()));
    let tenant = Tenant::new(&MasterKey::generate());
    let (key, context) = tenant.object("unreachable.xml");
    let started = Instant::now();

    let put = store
        .put(&key, &tenant.key, &context, once(&b"<xml/>"[..]))
        .await;
    let get = store.get(&key, &tenant.key, &context).await;
    let list = store.list("tenants/").await;

    for (what, err) in [
        ("put", put.unwrap_err()),
        ("get", get.err().unwrap()),
        ("list", list.unwrap_err()),
    ] {
        assert!(matches!(err, StorageError::Unreachable(_)), "{what}: {err}");
        assert_eq!(err.code(), "STORAGE_UNREACHABLE");
        let message = err.to_string();
        assert!(message.contains("injoignable"), "{message}");
        assert!(message.contains(&closed_port.to_string()), "{message}");
    }
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
}
