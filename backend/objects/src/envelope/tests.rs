use std::path::PathBuf;

use super::streams::BACKGROUND_DIGEST_AFTER;
use super::*;
use crate::LocalDirStore;

const CONTEXT: &[u8] = b"relais/object/tenant-a/tenants/a/file";
const SEALED_CHUNK: usize = CHUNK_SIZE + CHUNK_OVERHEAD;

struct Fixture {
    _dir: tempfile::TempDir,
    root: PathBuf,
    store: EncryptedStore,
    tenant_key: TenantKey,
    key: ObjectKey,
}

impl Fixture {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        Self {
            store: EncryptedStore::new(Arc::new(LocalDirStore::new(&root))),
            _dir: dir,
            root,
            tenant_key: TenantKey::generate(),
            key: ObjectKey::parse("tenants/a/file").unwrap(),
        }
    }

    async fn put(&self, plaintext: &[u8]) -> PutReceipt {
        self.store
            .put(
                &self.key,
                &self.tenant_key,
                CONTEXT,
                stream_of(plaintext, 10_000),
            )
            .await
            .unwrap()
    }

    async fn read(&self) -> Result<Vec<u8>, StorageError> {
        read_with(&self.store, &self.key, &self.tenant_key, CONTEXT).await
    }

    fn stored_path(&self) -> PathBuf {
        self.root.join(self.key.as_str())
    }

    fn stored(&self) -> Vec<u8> {
        std::fs::read(self.stored_path()).unwrap()
    }

    fn overwrite(&self, bytes: &[u8]) {
        std::fs::write(self.stored_path(), bytes).unwrap();
    }
}

async fn read_with(
    store: &EncryptedStore,
    key: &ObjectKey,
    tenant_key: &TenantKey,
    context: &[u8],
) -> Result<Vec<u8>, StorageError> {
    let mut stream = store.get(key, tenant_key, context).await?;
    let mut out = Vec::new();
    while let Some(chunk) = stream.next().await {
        out.extend_from_slice(&chunk?);
    }
    Ok(out)
}

/// `plaintext` cut into stream items of `item` bytes.
fn stream_of(plaintext: &[u8], item: usize) -> ByteStream {
    let items: Vec<Result<Bytes, StorageError>> = plaintext
        .chunks(item.max(1))
        .map(|c| Ok(Bytes::copy_from_slice(c)))
        .collect();
    futures_util::stream::iter(items).boxed()
}

fn pattern(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 31 % 251) as u8).collect()
}

fn sha256(bytes: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    out.copy_from_slice(ring::digest::digest(&SHA256, bytes).as_ref());
    out
}

#[tokio::test]
async fn objects_of_every_size_round_trip_with_their_receipt() {
    let fixture = Fixture::new();
    for size in [
        0,
        1,
        CHUNK_SIZE - 1,
        CHUNK_SIZE,
        CHUNK_SIZE + 1,
        3 * CHUNK_SIZE,
        3 * CHUNK_SIZE + 17,
    ] {
        let plaintext = pattern(size);

        let receipt = fixture.put(&plaintext).await;

        assert_eq!(receipt.plaintext_size, size as u64, "{size}");
        assert_eq!(receipt.sha256, sha256(&plaintext), "{size}");
        assert_eq!(receipt.stored_size, stored_size_for(size as u64), "{size}");
        assert_eq!(fixture.stored().len() as u64, receipt.stored_size, "{size}");
        assert_eq!(fixture.read().await.unwrap(), plaintext, "{size}");
    }
}

#[tokio::test]
async fn the_stream_cut_does_not_change_the_stored_plaintext() {
    let fixture = Fixture::new();
    let plaintext = pattern(2 * CHUNK_SIZE + 5);
    for item in [1, 7, CHUNK_SIZE, CHUNK_SIZE + 1, 10 * CHUNK_SIZE] {
        let receipt = fixture
            .store
            .put(
                &fixture.key,
                &fixture.tenant_key,
                CONTEXT,
                stream_of(&plaintext, item),
            )
            .await
            .unwrap();
        assert_eq!(receipt.sha256, sha256(&plaintext));
        assert_eq!(fixture.read().await.unwrap(), plaintext, "{item}");
    }
}

#[tokio::test]
async fn the_stored_object_does_not_contain_the_plaintext() {
    let fixture = Fixture::new();
    fixture.put(&b"0410017W;Dupont;Jeanne;".repeat(1000)).await;
    let stored = fixture.stored();
    assert_eq!(&stored[..4], b"RLX1");
    assert!(!stored.windows(7).any(|w| w == b"0410017"));
}

#[tokio::test]
async fn an_altered_header_byte_is_refused_before_any_plaintext() {
    let fixture = Fixture::new();
    fixture.put(&pattern(CHUNK_SIZE + 10)).await;
    let original = fixture.stored();
    // magic, version, suite, chunk size, nonce prefix, wrapped data key.
    for position in [0, 4, 5, 8, 12, 20, HEADER_LEN - 1] {
        let mut altered = original.clone();
        altered[position] ^= 0x01;
        fixture.overwrite(&altered);

        let err = fixture
            .store
            .get(&fixture.key, &fixture.tenant_key, CONTEXT)
            .await;

        assert!(
            matches!(err, Err(StorageError::Tampered(_))),
            "position {position}"
        );
    }
}

#[tokio::test]
async fn an_altered_chunk_byte_is_refused() {
    let fixture = Fixture::new();
    fixture.put(&pattern(3 * CHUNK_SIZE)).await;
    let original = fixture.stored();
    for position in [
        HEADER_LEN,
        HEADER_LEN + SEALED_CHUNK + 100,
        original.len() - 1, // last tag byte
    ] {
        let mut altered = original.clone();
        altered[position] ^= 0x80;
        fixture.overwrite(&altered);

        let err = fixture.read().await.unwrap_err();

        assert!(
            matches!(err, StorageError::Tampered(_)),
            "{position}: {err}"
        );
        assert_eq!(err.code(), "OBJECT_TAMPERED");
    }
}

#[tokio::test]
async fn an_object_without_its_last_chunk_is_refused_as_truncated() {
    let fixture = Fixture::new();
    for size in [2 * CHUNK_SIZE, 2 * CHUNK_SIZE + 100] {
        fixture.put(&pattern(size)).await;
        let original = fixture.stored();
        let without_last = HEADER_LEN + SEALED_CHUNK;
        fixture.overwrite(&original[..without_last]);

        let err = fixture.read().await.unwrap_err();

        assert!(matches!(err, StorageError::Truncated(_)), "{size}: {err}");
        assert_eq!(err.code(), "OBJECT_TRUNCATED");
    }
}

#[tokio::test]
async fn an_object_cut_anywhere_is_refused() {
    let fixture = Fixture::new();
    fixture.put(&pattern(2 * CHUNK_SIZE + 100)).await;
    let original = fixture.stored();
    for cut in [
        0,
        10,
        HEADER_LEN,
        HEADER_LEN + 5,
        HEADER_LEN + SEALED_CHUNK + 1000,
        original.len() - 1,
    ] {
        fixture.overwrite(&original[..cut]);

        let err = fixture.read().await.unwrap_err();

        assert!(
            matches!(err, StorageError::Truncated(_) | StorageError::Tampered(_)),
            "{cut}: {err}"
        );
    }
    // No chunk at all after a complete header: the last chunk is missing.
    fixture.overwrite(&original[..HEADER_LEN]);
    assert!(matches!(
        fixture.read().await,
        Err(StorageError::Truncated(_))
    ));
}

#[tokio::test]
async fn reordered_duplicated_or_appended_chunks_are_refused() {
    let fixture = Fixture::new();
    fixture.put(&pattern(3 * CHUNK_SIZE + 1)).await;
    let original = fixture.stored();
    let (header, chunks) = original.split_at(HEADER_LEN);
    let chunk = |i: usize| &chunks[i * SEALED_CHUNK..((i + 1) * SEALED_CHUNK).min(chunks.len())];

    let swapped = [header, chunk(1), chunk(0), chunk(2), chunk(3)].concat();
    let duplicated = [header, chunk(0), chunk(0), chunk(1), chunk(2), chunk(3)].concat();
    let last_dropped_middle_kept = [header, chunk(0), chunk(2), chunk(3)].concat();
    let appended = [&original[..], chunk(0)].concat();
    for (name, bytes) in [
        ("swapped", swapped),
        ("duplicated", duplicated),
        ("middle dropped", last_dropped_middle_kept),
        ("appended", appended),
    ] {
        fixture.overwrite(&bytes);

        let err = fixture.read().await.unwrap_err();

        assert!(matches!(err, StorageError::Tampered(_)), "{name}: {err}");
    }
}

#[tokio::test]
async fn a_chunk_from_another_object_of_the_same_tenant_is_refused() {
    let fixture = Fixture::new();
    fixture.put(&pattern(2 * CHUNK_SIZE)).await;
    let first = fixture.stored();
    fixture.put(&pattern(2 * CHUNK_SIZE)).await;
    let second = fixture.stored();

    let spliced = [
        &first[..HEADER_LEN + SEALED_CHUNK],
        &second[HEADER_LEN + SEALED_CHUNK..],
    ]
    .concat();
    fixture.overwrite(&spliced);

    assert!(matches!(
        fixture.read().await,
        Err(StorageError::Tampered(_))
    ));
}

#[tokio::test]
async fn another_tenant_key_or_context_cannot_read_the_object() {
    let fixture = Fixture::new();
    fixture.put(b"secret").await;

    let other_key = read_with(
        &fixture.store,
        &fixture.key,
        &TenantKey::generate(),
        CONTEXT,
    )
    .await;
    let other_context = read_with(
        &fixture.store,
        &fixture.key,
        &fixture.tenant_key,
        b"relais/object/tenant-b/tenants/a/file",
    )
    .await;

    assert!(matches!(other_key, Err(StorageError::Tampered(_))));
    assert!(matches!(other_context, Err(StorageError::Tampered(_))));
}

#[tokio::test]
async fn an_object_copied_under_another_key_does_not_decrypt_there() {
    let fixture = Fixture::new();
    fixture.put(&pattern(1000)).await;
    let moved = ObjectKey::parse("tenants/a/other").unwrap();
    std::fs::copy(fixture.stored_path(), fixture.root.join(moved.as_str())).unwrap();

    let read = read_with(
        &fixture.store,
        &moved,
        &fixture.tenant_key,
        b"relais/object/tenant-a/tenants/a/other",
    )
    .await;

    assert!(matches!(read, Err(StorageError::Tampered(_))));
}

#[tokio::test]
async fn read_all_stops_at_its_limit() {
    let fixture = Fixture::new();
    fixture.put(&pattern(CHUNK_SIZE + 1)).await;

    let whole = fixture
        .store
        .read_all(
            &fixture.key,
            &fixture.tenant_key,
            CONTEXT,
            CHUNK_SIZE as u64 + 1,
        )
        .await
        .unwrap();
    let limited = fixture
        .store
        .read_all(
            &fixture.key,
            &fixture.tenant_key,
            CONTEXT,
            CHUNK_SIZE as u64,
        )
        .await;

    assert_eq!(whole.as_ref(), pattern(CHUNK_SIZE + 1).as_slice());
    assert!(matches!(
        limited,
        Err(StorageError::TooLarge { limit }) if limit == CHUNK_SIZE as u64
    ));
}

#[tokio::test]
async fn a_missing_object_is_not_found_and_deletion_is_idempotent() {
    let fixture = Fixture::new();
    fixture.put(b"x").await;
    fixture.store.delete(&fixture.key).await.unwrap();
    fixture.store.delete(&fixture.key).await.unwrap();
    assert!(matches!(fixture.read().await, Err(StorageError::NotFound)));
}

#[tokio::test]
async fn listing_shows_the_stored_objects_with_their_encrypted_size() {
    let fixture = Fixture::new();
    for name in ["tenants/a/1", "tenants/a/2", "tenants/b/1"] {
        fixture
            .store
            .put(
                &ObjectKey::parse(name).unwrap(),
                &fixture.tenant_key,
                CONTEXT,
                stream_of(b"hello", 5),
            )
            .await
            .unwrap();
    }

    let listed = fixture.store.list("tenants/a/").await.unwrap();

    let keys: Vec<_> = listed.iter().map(|info| info.key.as_str()).collect();
    assert_eq!(keys, ["tenants/a/1", "tenants/a/2"]);
    assert!(listed.iter().all(|info| info.size == stored_size_for(5)));
}

#[tokio::test]
async fn a_failing_source_stores_nothing() {
    let fixture = Fixture::new();
    let failing: ByteStream = futures_util::stream::iter(vec![
        Ok(Bytes::from(pattern(3 * CHUNK_SIZE))),
        Err(StorageError::Backend("la source s'est interrompue".into())),
    ])
    .boxed();

    let err = fixture
        .store
        .put(&fixture.key, &fixture.tenant_key, CONTEXT, failing)
        .await
        .unwrap_err();

    assert!(matches!(err, StorageError::Backend(_)));
    assert!(fixture.store.list("").await.unwrap().is_empty());
}

#[test]
fn the_sealer_and_opener_work_without_a_store() {
    let tenant_key = TenantKey::generate();
    let mut sealer = ChunkSealer::new(&tenant_key, CONTEXT).unwrap();
    let header = sealer.header().to_vec();
    let mut first = BytesMut::from(&pattern(CHUNK_SIZE)[..]);
    let mut last = BytesMut::from(&b"end"[..]);
    sealer.seal_chunk(&mut first, false).unwrap();
    sealer.seal_chunk(&mut last, true).unwrap();
    assert!(sealer.seal_chunk(&mut BytesMut::new(), true).is_err());
    let mut short = BytesMut::from(&b"short"[..]);
    assert!(
        ChunkSealer::new(&tenant_key, CONTEXT)
            .unwrap()
            .seal_chunk(&mut short, false)
            .is_err()
    );

    let mut opener = ChunkOpener::new(&tenant_key, CONTEXT, &header).unwrap();
    opener.open_chunk(&mut first, false).unwrap();
    opener.open_chunk(&mut last, true).unwrap();

    assert_eq!(&first[..], &pattern(CHUNK_SIZE)[..]);
    assert_eq!(&last[..], b"end");
}

#[tokio::test]
async fn a_large_object_gets_the_same_digest_once_hashing_moves_to_its_thread() {
    let fixture = Fixture::new();
    let plaintext = pattern(BACKGROUND_DIGEST_AFTER as usize * 2 + 12_345);

    let receipt = fixture.put(&plaintext).await;

    assert_eq!(receipt.sha256, sha256(&plaintext));
    assert_eq!(receipt.plaintext_size, plaintext.len() as u64);
    assert_eq!(fixture.read().await.unwrap(), plaintext);
}
