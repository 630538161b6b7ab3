//! A small streaming ZIP writer (deflate, UTF-8 names, no ZIP64): enough
//! for the registry archive without a new dependency (flate2 already
//! deflates and computes CRC-32). Entries are written as they come; only
//! the central directory (name, sizes, offset per file) stays in memory.
//!
//! Timestamps are fixed (1980-01-01 00:00), so one registry always gives
//! the same bytes.

use std::io::Write;

use flate2::Compression;
use flate2::write::DeflateEncoder;

const LOCAL_HEADER: u32 = 0x0403_4b50;
const CENTRAL_HEADER: u32 = 0x0201_4b50;
const END_OF_DIRECTORY: u32 = 0x0605_4b50;
/// General purpose flag: file names are UTF-8.
const UTF8_NAMES: u16 = 0x0800;
const DEFLATE: u16 = 8;
const VERSION: u16 = 20;
/// DOS date of 1980-01-01.
const DOS_DATE: u16 = (1 << 5) | 1;

struct CentralEntry {
    name: String,
    crc: u32,
    compressed: u32,
    size: u32,
    offset: u32,
}

/// A file's content deflated, with its CRC-32 and size.
pub struct Compressed {
    crc: u32,
    size: u32,
    data: Vec<u8>,
}

impl Compressed {
    /// Deflates `data` (fast level: the archive is made on request).
    pub fn new(data: &[u8]) -> std::io::Result<Self> {
        let mut crc = flate2::Crc::new();
        crc.update(data);
        let mut encoder = DeflateEncoder::new(Vec::new(), Compression::fast());
        encoder.write_all(data)?;
        Ok(Self {
            crc: crc.sum(),
            size: u32::try_from(data.len()).map_err(|_| too_big())?,
            data: encoder.finish()?,
        })
    }
}

/// Writes a ZIP archive into `W`.
pub struct ZipWriter<W: Write> {
    out: W,
    written: u64,
    entries: Vec<CentralEntry>,
}

fn too_big() -> std::io::Error {
    std::io::Error::other("archive trop grande pour le format ZIP sans ZIP64")
}

impl<W: Write> ZipWriter<W> {
    pub fn new(out: W) -> Self {
        Self {
            out,
            written: 0,
            entries: Vec::new(),
        }
    }

    fn put(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.out.write_all(bytes)?;
        self.written += bytes.len() as u64;
        Ok(())
    }

    /// Adds the file `name` holding `data`, deflated.
    pub fn add(&mut self, name: &str, data: &[u8]) -> std::io::Result<()> {
        let compressed = Compressed::new(data)?;
        self.add_compressed(name, &compressed)
    }

    /// Adds the file `name` already deflated by [`Compressed::new`] (on
    /// another thread, say).
    pub fn add_compressed(&mut self, name: &str, file: &Compressed) -> std::io::Result<()> {
        if self.entries.len() >= usize::from(u16::MAX) {
            return Err(too_big());
        }
        let offset = u32::try_from(self.written).map_err(|_| too_big())?;
        let name_len = u16::try_from(name.len()).map_err(|_| too_big())?;
        let compressed_len = u32::try_from(file.data.len()).map_err(|_| too_big())?;
        let mut header = Vec::with_capacity(30 + name.len());
        header.extend_from_slice(&LOCAL_HEADER.to_le_bytes());
        header.extend_from_slice(&VERSION.to_le_bytes());
        header.extend_from_slice(&UTF8_NAMES.to_le_bytes());
        header.extend_from_slice(&DEFLATE.to_le_bytes());
        header.extend_from_slice(&0u16.to_le_bytes());
        header.extend_from_slice(&DOS_DATE.to_le_bytes());
        header.extend_from_slice(&file.crc.to_le_bytes());
        header.extend_from_slice(&compressed_len.to_le_bytes());
        header.extend_from_slice(&file.size.to_le_bytes());
        header.extend_from_slice(&name_len.to_le_bytes());
        header.extend_from_slice(&0u16.to_le_bytes());
        header.extend_from_slice(name.as_bytes());
        self.put(&header)?;
        self.put(&file.data)?;
        self.entries.push(CentralEntry {
            name: name.to_owned(),
            crc: file.crc,
            compressed: compressed_len,
            size: file.size,
            offset,
        });
        Ok(())
    }

    /// Writes the central directory and gives the output back.
    pub fn finish(mut self) -> std::io::Result<W> {
        let start = u32::try_from(self.written).map_err(|_| too_big())?;
        let entries = std::mem::take(&mut self.entries);
        for entry in &entries {
            let name_len = u16::try_from(entry.name.len()).map_err(|_| too_big())?;
            let mut header = Vec::with_capacity(46 + entry.name.len());
            header.extend_from_slice(&CENTRAL_HEADER.to_le_bytes());
            // Made by: Unix (3), spec 2.0, so the permissions below apply.
            header.extend_from_slice(&(0x0300 | VERSION).to_le_bytes());
            header.extend_from_slice(&VERSION.to_le_bytes());
            header.extend_from_slice(&UTF8_NAMES.to_le_bytes());
            header.extend_from_slice(&DEFLATE.to_le_bytes());
            header.extend_from_slice(&0u16.to_le_bytes());
            header.extend_from_slice(&DOS_DATE.to_le_bytes());
            header.extend_from_slice(&entry.crc.to_le_bytes());
            header.extend_from_slice(&entry.compressed.to_le_bytes());
            header.extend_from_slice(&entry.size.to_le_bytes());
            header.extend_from_slice(&name_len.to_le_bytes());
            header.extend_from_slice(&0u16.to_le_bytes()); // extra
            header.extend_from_slice(&0u16.to_le_bytes()); // comment
            header.extend_from_slice(&0u16.to_le_bytes()); // disk
            header.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
            header.extend_from_slice(&(0o100_644u32 << 16).to_le_bytes());
            header.extend_from_slice(&entry.offset.to_le_bytes());
            header.extend_from_slice(entry.name.as_bytes());
            self.put(&header)?;
        }
        let size = u32::try_from(self.written)
            .map_err(|_| too_big())?
            .saturating_sub(start);
        let count = u16::try_from(entries.len()).map_err(|_| too_big())?;
        let mut end = Vec::with_capacity(22);
        end.extend_from_slice(&END_OF_DIRECTORY.to_le_bytes());
        end.extend_from_slice(&0u16.to_le_bytes());
        end.extend_from_slice(&0u16.to_le_bytes());
        end.extend_from_slice(&count.to_le_bytes());
        end.extend_from_slice(&count.to_le_bytes());
        end.extend_from_slice(&size.to_le_bytes());
        end.extend_from_slice(&start.to_le_bytes());
        end.extend_from_slice(&0u16.to_le_bytes());
        self.put(&end)?;
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Reads back an archive [`ZipWriter`] wrote (deflated or stored entries,
/// no ZIP64): `(name, bytes)` of every file in directory order, each CRC
/// checked. For the round trip of an exported registry and the tests;
/// `None` when the bytes are not such an archive.
pub fn read_archive(bytes: &[u8]) -> Option<Vec<(String, Vec<u8>)>> {
    use std::io::Read;
    let u16_at = |at: usize| -> Option<usize> {
        let b = bytes.get(at..at.checked_add(2)?)?;
        Some(usize::from(u16::from_le_bytes([b[0], b[1]])))
    };
    let u32_at = |at: usize| -> Option<u32> {
        let b = bytes.get(at..at.checked_add(4)?)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    let size = |at: usize| -> Option<usize> { usize::try_from(u32_at(at)?).ok() };
    let end = bytes.len().checked_sub(22)?;
    if u32_at(end)? != END_OF_DIRECTORY {
        return None;
    }
    let count = u16_at(end + 10)?;
    let mut at = size(end + 16)?;
    let mut files = Vec::with_capacity(count);
    for _ in 0..count {
        if u32_at(at)? != CENTRAL_HEADER {
            return None;
        }
        let method = u16_at(at + 10)?;
        let crc = u32_at(at + 16)?;
        let compressed = size(at + 20)?;
        let expected = size(at + 24)?;
        let name_len = u16_at(at + 28)?;
        let extra_len = u16_at(at + 30)?;
        let comment_len = u16_at(at + 32)?;
        let offset = size(at + 42)?;
        let name = String::from_utf8(bytes.get(at + 46..at + 46 + name_len)?.to_vec()).ok()?;
        at += 46 + name_len + extra_len + comment_len;
        if u32_at(offset)? != LOCAL_HEADER {
            return None;
        }
        let data_at = offset + 30 + u16_at(offset + 26)? + u16_at(offset + 28)?;
        let raw = bytes.get(data_at..data_at.checked_add(compressed)?)?;
        let data = match method {
            0 => raw.to_vec(),
            8 => {
                let mut data = Vec::with_capacity(expected);
                flate2::read::DeflateDecoder::new(raw)
                    .take(u64::try_from(expected).ok()?.saturating_add(1))
                    .read_to_end(&mut data)
                    .ok()?;
                data
            }
            _ => return None,
        };
        let mut check = flate2::Crc::new();
        check.update(&data);
        if data.len() != expected || check.sum() != crc {
            return None;
        }
        files.push((name, data));
    }
    Some(files)
}
