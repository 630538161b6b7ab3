//! File (B), PRONOTE → ENT: the outer `EXPORT_INDEX_EDUCATION` container of
//! the PRONOTE identifiers export (docs/domain.md §4), sealed for one or two
//! partners. Described in `docs/formats/pronote-identifiers-export.md`.
//!
//! Its schema is not public. We read the values as child elements with
//! text (`<VERSION>1</VERSION>`), the natural reading of the brief, and
//! also accept them as attributes of the root; names are compared without
//! case and any namespace is accepted. Unknown elements are ignored.
//!
//! Opening: pick the `CLES/PARTENAIRE` entry named for us (else try each),
//! RSA-decrypt it to key ‖ IV ‖ MD5 and check the MD5, AES-128-CBC-decrypt
//! `CONTENU`, check the SHA-256 (`VERIFICATION`) of what was encrypted,
//! then inflate it (`CompresseAvantChiffrement`, default true) with a hard
//! limit on the output. Every failure has its own [`ExportError`] and code.

use chrono::NaiveDateTime;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use rsa::rand_core::CryptoRngCore;
use rsa::{RsaPrivateKey, RsaPublicKey};
use thiserror::Error;

use super::crypto::{
    PayloadError, SessionKey, UnwrapError, base64_decode, base64_encode, compress, open_payload,
    seal_packed,
};
use super::xml::{Element, XmlError, XmlLimits, escape_attribute, escape_text, parse_document};

/// The root element.
pub const ROOT: &str = "EXPORT_INDEX_EDUCATION";
/// PRONOTE seals an export for at most two partners.
pub const MAX_PARTNERS: usize = 2;

/// Bounds on what [`open_export_container`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportLimits {
    /// Largest container file (default 64 MiB).
    pub max_container_bytes: usize,
    /// Largest inner list once decrypted and inflated (default 64 MiB; a
    /// base of 10,000 users is a few MB).
    pub max_inner_bytes: usize,
    /// Most `CLES/PARTENAIRE` entries read (default 8).
    pub max_key_entries: usize,
}

impl Default for ExportLimits {
    fn default() -> Self {
        Self {
            max_container_bytes: 64 * 1024 * 1024,
            max_inner_bytes: 64 * 1024 * 1024,
            max_key_entries: 8,
        }
    }
}

/// The clear part of the container. Values are kept as written (the
/// format is not public); see [`ExportHeader::date_time`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportHeader {
    /// `VERSION`.
    pub version: Option<String>,
    /// `LOGICIEL`, e.g. « PRONOTE 2025 ».
    pub software: Option<String>,
    /// The `NOM` of each `CLES/PARTENAIRE` entry, in order. Ignored by
    /// [`seal_export_container`], which takes the partners apart.
    pub partners: Vec<String>,
    /// `CONTENU@CompresseAvantChiffrement` (default true).
    pub compressed: bool,
    /// `DATEHEURE`, as written.
    pub date_time: Option<String>,
    /// `UAI`.
    pub uai: Option<String>,
    /// `NOMETABLISSEMENT`.
    pub establishment_name: Option<String>,
    /// `CODEPOSTALVILLE`.
    pub postal_code_city: Option<String>,
}

impl Default for ExportHeader {
    fn default() -> Self {
        Self {
            version: None,
            software: None,
            partners: Vec::new(),
            compressed: true,
            date_time: None,
            uai: None,
            establishment_name: None,
            postal_code_city: None,
        }
    }
}

impl ExportHeader {
    /// `DATEHEURE` read as ISO 8601 (`2026-09-01T10:00:00`, with or
    /// without `T`, seconds or zone) or French (`01/09/2026 10:00:00`).
    pub fn date_time(&self) -> Option<NaiveDateTime> {
        let raw = self.date_time.as_deref()?.trim();
        if let Ok(with_zone) = chrono::DateTime::parse_from_rfc3339(raw) {
            return Some(with_zone.naive_utc());
        }
        [
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%d %H:%M:%S%.f",
            "%Y-%m-%dT%H:%M",
            "%d/%m/%Y %H:%M:%S",
            "%d/%m/%Y %H:%M",
        ]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(raw, format).ok())
    }
}

/// An opened export: its clear header and the inner list's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenedExport {
    pub header: ExportHeader,
    pub inner: Vec<u8>,
}

/// Why an export could not be opened (or sealed). French: shown to the
/// school or the operator who uploaded it, saying what to do.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ExportError {
    #[error(
        "ce fichier n'est pas un export des identifiants PRONOTE ({0}) : dans PRONOTE, \
         utilisez « Exporter les identifiants PRONOTE » et déposez le fichier obtenu"
    )]
    NotAContainer(String),
    #[error(
        "le fichier est incomplet (il s'arrête avant la fin) : téléchargez-le de nouveau ou \
         refaites l'export dans PRONOTE"
    )]
    Truncated,
    #[error(
        "{what} dépasse la limite de {max} octets : le fichier est refusé (fichier suspect ou \
         base trop volumineuse, contactez l'assistance)"
    )]
    TooLarge { what: &'static str, max: usize },
    #[error(
        "l'export n'est pas chiffré pour « {partner} » (partenaires du fichier : {found}) : dans \
         PRONOTE, choisissez cet intégrateur au moment de l'export"
    )]
    NoKeyForPartner { partner: String, found: String },
    #[error(
        "l'export ne s'ouvre pas avec la clé privée enregistrée : vérifiez que la clé publique \
         communiquée à Index-Education correspond à cette clé privée"
    )]
    WrongKey,
    #[error(
        "la clé de chiffrement de l'export est altérée (contrôle MD5 en échec) : refaites \
         l'export dans PRONOTE"
    )]
    KeyCheckFailed,
    #[error("le contenu chiffré est altéré ({0}) : refaites l'export dans PRONOTE")]
    Corrupted(&'static str),
    #[error(
        "le contenu déchiffré ne correspond pas à son empreinte SHA-256 : le fichier a été \
         altéré, refaites l'export dans PRONOTE"
    )]
    HashMismatch,
    #[error("un export se chiffre pour 1 ou {MAX_PARTNERS} partenaires, pas {0}")]
    PartnerCount(usize),
    #[error("chiffrement impossible pour « {partner} » : {reason}")]
    Sealing { partner: String, reason: String },
}

impl ExportError {
    /// A stable code for the API.
    pub fn code(&self) -> &'static str {
        match self {
            ExportError::NotAContainer(_) => "EXPORT_NOT_A_CONTAINER",
            ExportError::Truncated => "EXPORT_TRUNCATED",
            ExportError::TooLarge { .. } => "EXPORT_TOO_LARGE",
            ExportError::NoKeyForPartner { .. } => "EXPORT_NO_KEY_FOR_PARTNER",
            ExportError::WrongKey => "EXPORT_WRONG_KEY",
            ExportError::KeyCheckFailed => "EXPORT_KEY_CHECK_FAILED",
            ExportError::Corrupted(_) => "EXPORT_CORRUPTED",
            ExportError::HashMismatch => "EXPORT_HASH_MISMATCH",
            ExportError::PartnerCount(_) => "EXPORT_PARTNER_COUNT",
            ExportError::Sealing { .. } => "EXPORT_SEAL_FAILED",
        }
    }
}

/// Seals `inner` for each partner (1 or 2), as PRONOTE does: used by the
/// tests and the demo. `header.partners` is ignored; `header.compressed`
/// says whether the content is zlib-compressed before encryption.
pub fn seal_export_container(
    inner: &[u8],
    partners: &[(String, RsaPublicKey)],
    header: &ExportHeader,
    rng: &mut impl CryptoRngCore,
) -> Result<Vec<u8>, ExportError> {
    if header.compressed {
        seal_packed_export_container(&compress(inner), partners, header, rng)
    } else {
        seal_packed_export_container(inner, partners, header, rng)
    }
}

/// [`seal_export_container`] of content already packed: zlib data when
/// `header.compressed`, taken as is. For tests that need files PRONOTE
/// would never write, such as a zip bomb made without inflating it first.
pub fn seal_packed_export_container(
    packed: &[u8],
    partners: &[(String, RsaPublicKey)],
    header: &ExportHeader,
    rng: &mut impl CryptoRngCore,
) -> Result<Vec<u8>, ExportError> {
    if partners.is_empty() || partners.len() > MAX_PARTNERS {
        return Err(ExportError::PartnerCount(partners.len()));
    }
    let session = SessionKey::random(rng);
    let mut keys = Vec::with_capacity(partners.len());
    for (name, public_key) in partners {
        let wrapped = session
            .wrap(public_key, rng)
            .map_err(|e| ExportError::Sealing {
                partner: name.clone(),
                reason: e.to_string(),
            })?;
        keys.push((name.as_str(), base64_encode(&wrapped)));
    }
    let (content, verification) = seal_packed(&session, packed);

    let mut writer = Writer::new_with_indent(Vec::with_capacity(content.len() + 4096), b' ', 2);
    let text = |w: &mut Writer<Vec<u8>>, name: &str, value: &str| -> std::io::Result<()> {
        w.write_event(Event::Start(BytesStart::new(name)))?;
        w.write_event(Event::Text(BytesText::from_escaped(escape_text(value))))?;
        w.write_event(Event::End(BytesEnd::new(name)))
    };
    let write = |w: &mut Writer<Vec<u8>>| -> std::io::Result<()> {
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        w.write_event(Event::Start(BytesStart::new(ROOT)))?;
        if let Some(version) = &header.version {
            text(w, "VERSION", version)?;
        }
        if let Some(software) = &header.software {
            text(w, "LOGICIEL", software)?;
        }
        w.write_event(Event::Start(BytesStart::new("CLES")))?;
        for (name, key) in &keys {
            let mut element = BytesStart::new("PARTENAIRE");
            element.push_attribute(quick_xml::events::attributes::Attribute {
                key: quick_xml::name::QName("NOM"),
                value: escape_attribute(name),
            });
            w.write_event(Event::Start(element))?;
            w.write_event(Event::Text(BytesText::from_escaped(key.as_str())))?;
            w.write_event(Event::End(BytesEnd::new("PARTENAIRE")))?;
        }
        w.write_event(Event::End(BytesEnd::new("CLES")))?;
        let mut element = BytesStart::new("CONTENU");
        element.push_attribute((
            "CompresseAvantChiffrement",
            if header.compressed { "true" } else { "false" },
        ));
        w.write_event(Event::Start(element))?;
        w.write_event(Event::Text(BytesText::from_escaped(content.as_str())))?;
        w.write_event(Event::End(BytesEnd::new("CONTENU")))?;
        text(w, "VERIFICATION", &verification)?;
        for (name, value) in [
            ("DATEHEURE", &header.date_time),
            ("UAI", &header.uai),
            ("NOMETABLISSEMENT", &header.establishment_name),
            ("CODEPOSTALVILLE", &header.postal_code_city),
        ] {
            if let Some(value) = value {
                text(w, name, value)?;
            }
        }
        w.write_event(Event::End(BytesEnd::new(ROOT)))
    };
    // Writing into a Vec cannot fail.
    let _ = write(&mut writer);
    let mut out = writer.into_inner();
    out.push(b'\n');
    Ok(out)
}

/// Opens an export sealed for `partner_name` with its private key. See the
/// module documentation.
pub fn open_export_container(
    bytes: &[u8],
    partner_name: &str,
    private_key: &RsaPrivateKey,
    limits: &ExportLimits,
) -> Result<OpenedExport, ExportError> {
    let xml_limits = XmlLimits {
        max_bytes: limits.max_container_bytes,
        max_depth: 6,
        max_elements: 64 + limits.max_key_entries,
    };
    let root = parse_document(bytes, &xml_limits).map_err(|e| match e {
        XmlError::TooLarge { max, .. } => ExportError::TooLarge {
            what: "le fichier",
            max,
        },
        XmlError::Truncated => ExportError::Truncated,
        XmlError::Malformed { .. } | XmlError::NotUtf8 if !looks_like_xml(bytes) => {
            ExportError::NotAContainer("ce n'est pas un fichier XML".into())
        }
        other => ExportError::NotAContainer(other.describe()),
    })?;
    if root.name.eq_ignore_ascii_case("ImportChiffre") {
        return Err(ExportError::NotAContainer(
            "c'est un fichier de rapprochement destiné à PRONOTE (ImportChiffre), pas un export \
             de PRONOTE"
                .into(),
        ));
    }
    if !root.name.eq_ignore_ascii_case(ROOT) {
        return Err(ExportError::NotAContainer(format!(
            "élément racine <{}> au lieu de <{ROOT}>",
            root.name
        )));
    }
    let entries: Vec<(String, &str)> = child(&root, "CLES")
        .map(|cles| {
            cles.children
                .iter()
                .filter(|e| e.name.eq_ignore_ascii_case("PARTENAIRE"))
                .map(|e| {
                    let name = attribute(e, "NOM")
                        .or_else(|| child(e, "NOM").map(|n| n.text.trim()))
                        .unwrap_or("")
                        .to_owned();
                    (name, e.text.as_str())
                })
                .collect()
        })
        .unwrap_or_default();
    if entries.is_empty() {
        return Err(ExportError::NotAContainer(
            "aucune clé CLES/PARTENAIRE".into(),
        ));
    }
    if entries.len() > limits.max_key_entries {
        return Err(ExportError::NotAContainer(format!(
            "plus de {} clés CLES/PARTENAIRE",
            limits.max_key_entries
        )));
    }
    let content = child(&root, "CONTENU")
        .ok_or_else(|| ExportError::NotAContainer("élément CONTENU manquant".into()))?;
    let verification = value(&root, "VERIFICATION")
        .ok_or_else(|| ExportError::NotAContainer("élément VERIFICATION manquant".into()))?;
    let compressed = match attribute(content, "CompresseAvantChiffrement").map(str::trim) {
        None => true,
        Some(v) if v.eq_ignore_ascii_case("true") || v == "1" || v.eq_ignore_ascii_case("oui") => {
            true
        }
        Some(v) if v.eq_ignore_ascii_case("false") || v == "0" || v.eq_ignore_ascii_case("non") => {
            false
        }
        Some(other) => {
            return Err(ExportError::NotAContainer(format!(
                "CompresseAvantChiffrement=« {} » : attendu true ou false",
                other.chars().take(20).collect::<String>()
            )));
        }
    };
    let header = ExportHeader {
        version: value(&root, "VERSION").map(str::to_owned),
        software: value(&root, "LOGICIEL").map(str::to_owned),
        partners: entries.iter().map(|(name, _)| name.clone()).collect(),
        compressed,
        date_time: value(&root, "DATEHEURE").map(str::to_owned),
        uai: value(&root, "UAI").map(str::to_owned),
        establishment_name: value(&root, "NOMETABLISSEMENT").map(str::to_owned),
        postal_code_city: value(&root, "CODEPOSTALVILLE").map(str::to_owned),
    };

    let session = unwrap_for(&entries, partner_name, private_key)?;
    let inner = open_payload(
        &session,
        &content.text,
        verification,
        compressed,
        limits.max_inner_bytes,
    )
    .map_err(|e| match e {
        PayloadError::Corrupted(what) => ExportError::Corrupted(what),
        PayloadError::HashMismatch => ExportError::HashMismatch,
        PayloadError::TooLarge => ExportError::TooLarge {
            what: "le contenu décompressé",
            max: limits.max_inner_bytes,
        },
    })?;
    Ok(OpenedExport { header, inner })
}

/// The session key of the entry for `partner_name`, else of any entry our
/// key opens (a partner renamed since the export). Errors tell about the
/// entry named for us when there is one.
fn unwrap_for(
    entries: &[(String, &str)],
    partner_name: &str,
    private_key: &RsaPrivateKey,
) -> Result<SessionKey, ExportError> {
    let ours = |name: &str| name.trim().eq_ignore_ascii_case(partner_name.trim());
    let mut ordered: Vec<&(String, &str)> = entries.iter().filter(|(n, _)| ours(n)).collect();
    let named = !ordered.is_empty();
    ordered.extend(entries.iter().filter(|(n, _)| !ours(n)));
    let mut first_error = None;
    for (name, blob) in ordered {
        let result = base64_decode(blob)
            .ok_or(ExportError::Corrupted("clé en base64"))
            .and_then(|wrapped| {
                SessionKey::unwrap(&wrapped, private_key).map_err(|e| match e {
                    UnwrapError::WrongKey => ExportError::WrongKey,
                    UnwrapError::KeyCheckFailed => ExportError::KeyCheckFailed,
                })
            });
        match result {
            Ok(session) => return Ok(session),
            Err(error) if ours(name) && first_error.is_none() => first_error = Some(error),
            Err(_) => {}
        }
    }
    match first_error {
        Some(error) if named => Err(error),
        _ => Err(ExportError::NoKeyForPartner {
            partner: partner_name.trim().to_owned(),
            found: entries
                .iter()
                .map(|(n, _)| format!("« {} »", n.chars().take(60).collect::<String>()))
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

/// Whether the bytes start (after a BOM and white space) with `<`.
fn looks_like_xml(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    bytes
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'<')
}

fn child<'e>(element: &'e Element, name: &str) -> Option<&'e Element> {
    element
        .children
        .iter()
        .find(|c| c.name.eq_ignore_ascii_case(name))
}

fn attribute<'e>(element: &'e Element, name: &str) -> Option<&'e str> {
    element
        .attributes
        .iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(name))
        .map(|(_, value)| value.as_str())
}

/// A header value: the child element's text, else the root's attribute;
/// trimmed, blank as `None`.
fn value<'e>(root: &'e Element, name: &str) -> Option<&'e str> {
    child(root, name)
        .map(|c| c.text.trim())
        .or_else(|| attribute(root, name).map(str::trim))
        .filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index_education::{OsRng, test_keys};

    const INNER: &[u8] = b"<?xml version=\"1.0\"?><IDENTIFIANTS_PRONOTE Version=\"1\"/>";

    fn header() -> ExportHeader {
        ExportHeader {
            version: Some("1.0".into()),
            software: Some("PRONOTE 2025".into()),
            date_time: Some("2026-09-01T10:15:00".into()),
            uai: Some("0410017W".into()),
            establishment_name: Some("Lycée Augustin Thierry & co".into()),
            postal_code_city: Some("41000 BLOIS".into()),
            ..ExportHeader::default()
        }
    }

    fn sealed_with(inner: &[u8], header: &ExportHeader) -> String {
        let partners = vec![
            (
                "Autre ENT".to_owned(),
                test_keys::index_education().1.clone(),
            ),
            ("Relais".to_owned(), test_keys::partner().1.clone()),
        ];
        String::from_utf8(seal_export_container(inner, &partners, header, &mut OsRng).unwrap())
            .unwrap()
    }

    fn sealed() -> String {
        sealed_with(INNER, &header())
    }

    fn open(xml: &str) -> Result<OpenedExport, ExportError> {
        open_export_container(
            xml.as_bytes(),
            "Relais",
            &test_keys::partner().0,
            &ExportLimits::default(),
        )
    }

    fn text_of<'x>(xml: &'x str, open_tag: &str, close_tag: &str) -> &'x str {
        let start = xml.find(open_tag).unwrap() + open_tag.len();
        let end = start + xml[start..].find(close_tag).unwrap();
        &xml[start..end]
    }

    #[test]
    fn a_sealed_export_opens_for_each_partner_with_its_header() {
        let xml = sealed();
        assert!(xml.contains("<VERSION>1.0</VERSION>\n  <LOGICIEL>PRONOTE 2025</LOGICIEL>\n  <CLES>\n    <PARTENAIRE NOM=\"Autre ENT\">"));
        assert!(xml.contains("<CONTENU CompresseAvantChiffrement=\"true\">"));
        assert!(
            xml.contains("<NOMETABLISSEMENT>Lycée Augustin Thierry &amp; co</NOMETABLISSEMENT>")
        );
        let opened = open(&xml).unwrap();
        assert_eq!(opened.inner, INNER);
        let mut expected = header();
        expected.partners = vec!["Autre ENT".into(), "Relais".into()];
        assert_eq!(opened.header, expected);
        assert_eq!(
            opened.header.date_time().unwrap().to_string(),
            "2026-09-01 10:15:00"
        );
        // The other partner opens it with its own key.
        let other = open_export_container(
            xml.as_bytes(),
            "autre ent",
            &test_keys::index_education().0,
            &ExportLimits::default(),
        )
        .unwrap();
        assert_eq!(other.inner, INNER);
    }

    #[test]
    fn uncompressed_content_and_attribute_values_are_read() {
        let header = ExportHeader {
            compressed: false,
            ..header()
        };
        let xml = sealed_with(INNER, &header);
        assert!(xml.contains("CompresseAvantChiffrement=\"false\""));
        assert_eq!(open(&xml).unwrap().inner, INNER);
        // Values as root attributes, lower-case names, a namespace.
        let xml = sealed()
            .replace("<VERSION>1.0</VERSION>", "")
            .replace(
                "<EXPORT_INDEX_EDUCATION>",
                "<ie:export_index_education xmlns:ie=\"urn:x\" VERSION=\"2\">",
            )
            .replace("</EXPORT_INDEX_EDUCATION>", "</ie:export_index_education>");
        let opened = open(&xml).unwrap();
        assert_eq!(opened.header.version.as_deref(), Some("2"));
        assert_eq!(opened.inner, INNER);
    }

    #[test]
    fn a_renamed_partner_still_opens_its_export() {
        let xml = sealed().replace("NOM=\"Relais\"", "NOM=\"Relais (ancien nom)\"");
        assert_eq!(open(&xml).unwrap().inner, INNER);
    }

    #[test]
    fn every_failure_has_its_code() {
        let xml = sealed();
        let code = |result: Result<OpenedExport, ExportError>| result.unwrap_err().code();

        // Wrong key: the entry named for us does not open with this key.
        let wrong = open_export_container(
            xml.as_bytes(),
            "Relais",
            test_keys::other(),
            &ExportLimits::default(),
        );
        assert_eq!(code(wrong), "EXPORT_WRONG_KEY");

        // No entry for us, and none opens with our key.
        let err = open_export_container(
            xml.as_bytes(),
            "NetO'Centre",
            test_keys::other(),
            &ExportLimits::default(),
        )
        .unwrap_err();
        assert_eq!(err.code(), "EXPORT_NO_KEY_FOR_PARTNER");
        assert!(
            err.to_string().contains("« Autre ENT », « Relais »"),
            "{err}"
        );

        // Corrupted base64, ciphertext, key blob.
        let content = text_of(
            &xml,
            "<CONTENU CompresseAvantChiffrement=\"true\">",
            "</CONTENU>",
        );
        assert_eq!(code(open(&xml.replace(content, "%%%"))), "EXPORT_CORRUPTED");
        let shorter = &content[..content.len() - 24];
        assert_eq!(
            open(&xml.replace(content, shorter)).unwrap_err(),
            ExportError::Corrupted("aes")
        );
        let mut flipped = content.as_bytes().to_vec();
        flipped[40] = if flipped[40] == b'A' { b'B' } else { b'A' };
        let flipped = String::from_utf8(flipped).unwrap();
        assert!(matches!(
            open(&xml.replace(content, &flipped)).unwrap_err(),
            ExportError::HashMismatch | ExportError::Corrupted("aes")
        ));
        let key = text_of(&xml, "<PARTENAIRE NOM=\"Relais\">", "</PARTENAIRE>");
        assert_eq!(code(open(&xml.replace(key, "!!"))), "EXPORT_CORRUPTED");

        // A key blob whose MD5 does not match: wrapped by hand.
        let bad_blob = {
            use rsa::Pkcs1v15Encrypt;
            let blob = [7u8; 48];
            let wrapped = test_keys::partner()
                .1
                .encrypt(&mut OsRng, Pkcs1v15Encrypt, &blob)
                .unwrap();
            base64_encode(&wrapped)
        };
        assert_eq!(
            code(open(&xml.replace(key, &bad_blob))),
            "EXPORT_KEY_CHECK_FAILED"
        );

        // SHA-256 of another content.
        let verification = text_of(&xml, "<VERIFICATION>", "</VERIFICATION>");
        let other = base64_encode(&super::super::crypto::sha256(b"autre"));
        assert_eq!(
            code(open(&xml.replace(verification, &other))),
            "EXPORT_HASH_MISMATCH"
        );

        // Truncated anywhere.
        for cut in [xml.len() / 3, xml.len() / 2, xml.len() - 30] {
            assert_eq!(code(open(&xml[..cut])), "EXPORT_TRUNCATED", "cut at {cut}");
        }

        // Not XML, not this container.
        assert_eq!(code(open("%PDF-1.4 binary")), "EXPORT_NOT_A_CONTAINER");
        assert_eq!(code(open("")), "EXPORT_NOT_A_CONTAINER");
        let err = open("<ImportChiffre xmlns=\"x\"/>").unwrap_err();
        assert!(
            err.to_string().contains("fichier de rapprochement"),
            "{err}"
        );
        assert_eq!(
            code(open("<EXPORT_INDEX_EDUCATION/>")),
            "EXPORT_NOT_A_CONTAINER"
        );
        assert_eq!(
            code(open(
                "<!DOCTYPE x [<!ENTITY a \"b\">]><EXPORT_INDEX_EDUCATION/>"
            )),
            "EXPORT_NOT_A_CONTAINER"
        );

        // Too large a file.
        let small = ExportLimits {
            max_container_bytes: 100,
            ..ExportLimits::default()
        };
        let err = open_export_container(xml.as_bytes(), "Relais", &test_keys::partner().0, &small)
            .unwrap_err();
        assert_eq!(err.code(), "EXPORT_TOO_LARGE");
    }

    #[test]
    fn a_zip_bomb_is_stopped_at_the_limit() {
        // 8 MiB of zeros compress to about 8 KB.
        let bomb = vec![0u8; 8 * 1024 * 1024];
        let xml = sealed_with(&bomb, &header());
        let content = text_of(
            &xml,
            "<CONTENU CompresseAvantChiffrement=\"true\">",
            "</CONTENU>",
        );
        assert!(content.len() < 16 * 1024, "{}", content.len());
        let limits = ExportLimits {
            max_inner_bytes: 1024 * 1024,
            ..ExportLimits::default()
        };
        let err = open_export_container(xml.as_bytes(), "Relais", &test_keys::partner().0, &limits)
            .unwrap_err();
        assert_eq!(
            err,
            ExportError::TooLarge {
                what: "le contenu décompressé",
                max: 1024 * 1024
            }
        );
        assert_eq!(err.code(), "EXPORT_TOO_LARGE");
    }

    #[test]
    fn sealing_takes_one_or_two_partners() {
        let err = seal_export_container(INNER, &[], &header(), &mut OsRng).unwrap_err();
        assert_eq!(err.code(), "EXPORT_PARTNER_COUNT");
        let key = test_keys::partner().1.clone();
        let three = vec![
            ("a".to_owned(), key.clone()),
            ("b".into(), key.clone()),
            ("c".into(), key),
        ];
        assert_eq!(
            seal_export_container(INNER, &three, &header(), &mut OsRng).unwrap_err(),
            ExportError::PartnerCount(3)
        );
    }
}
