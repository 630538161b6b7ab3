//! A PRONOTE identifiers export whose content inflates to 1 GiB is refused
//! at the limit without the process growing by more than 16 MB: the content
//! is inflated as a stream that stops at the limit (issue 14).
//!
//! Alone in its test binary, so that no other test allocates while the peak
//! resident size is measured (Linux: `/proc/self/clear_refs` resets the
//! peak, `VmHWM` reads it).
#![allow(
    clippy::indexing_slicing,
    reason = "tests: a wrong index fails the test"
)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use flate2::{Compress, Compression, FlushCompress};
use relais_formats::index_education::export_container::{
    ExportError, ExportHeader, ExportLimits, open_export_container, seal_packed_export_container,
};
use relais_formats::index_education::{OsRng, RsaPublicKey, parse_private_key_pem};

const GIB: usize = 1 << 30;
const MIB: usize = 1 << 20;

/// A zlib stream that inflates to `blocks` MiB of zeros, built without
/// compressing them all: one MiB is deflated into non-final blocks ending
/// on a byte boundary (sync flush), repeated, then an empty final block and
/// the Adler-32 of the whole.
fn zero_bomb(blocks: usize) -> Vec<u8> {
    let mut deflate = Compress::new(Compression::best(), false);
    let mut one_mib = Vec::with_capacity(64 * 1024);
    deflate
        .compress_vec(&vec![0u8; MIB], &mut one_mib, FlushCompress::Sync)
        .unwrap();
    assert_eq!(deflate.total_in(), MIB as u64, "one MiB deflated at once");
    let mut stream = vec![0x78, 0xDA];
    for _ in 0..blocks {
        stream.extend_from_slice(&one_mib);
    }
    stream.extend_from_slice(&[0x03, 0x00]);
    // Adler-32 of n zero bytes: a = 1, b = n mod 65521.
    let b = ((blocks * MIB) % 65_521) as u32;
    stream.extend_from_slice(&((b << 16) | 1).to_be_bytes());
    stream
}

fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status
        .lines()
        .find(|l| l.starts_with(field))
        .unwrap_or_else(|| panic!("{field} missing from /proc/self/status"));
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// The construction is valid zlib that inflates to exactly its size, so
/// the test measures a real 1 GiB stream.
fn check_the_construction() {
    let stream = zero_bomb(3);
    let mut inflated = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::ZlibDecoder::new(stream.as_slice()),
        &mut inflated,
    )
    .unwrap();
    assert_eq!(inflated.len(), 3 * MIB);
    assert!(inflated.iter().all(|b| *b == 0));
}

// One test in this binary: nothing else allocates while it measures.
#[test]
fn a_one_gib_zip_bomb_is_refused_without_inflating_it_in_memory() {
    check_the_construction();
    let private = parse_private_key_pem(include_str!("fixtures/partner-test.pem")).unwrap();
    let public = RsaPublicKey::from(&private);
    let container = seal_packed_export_container(
        &zero_bomb(GIB / MIB),
        &[("GIP RECIA".to_owned(), public)],
        &ExportHeader {
            uai: Some("0410017W".into()),
            ..ExportHeader::default()
        },
        &mut OsRng,
    )
    .unwrap();
    // The server's limit on the inflated list (storage.max_inflated_bytes).
    let limits = ExportLimits {
        max_inner_bytes: 200 * MIB,
        ..ExportLimits::default()
    };

    std::fs::write("/proc/self/clear_refs", "5").expect("reset the peak resident size");
    let before = status_kib("VmRSS:");
    let opened = open_export_container(&container, "GIP RECIA", &private, &limits);
    let peak = status_kib("VmHWM:");

    assert!(
        matches!(opened, Err(ExportError::TooLarge { .. })),
        "{opened:?}"
    );
    let growth_kib = peak.saturating_sub(before);
    eprintln!("opening the 1 GiB bomb: peak resident size +{growth_kib} KiB");
    assert!(
        growth_kib <= 16 * 1024,
        "opening the bomb grew the process by {growth_kib} KiB (limit 16 MiB)"
    );
}
