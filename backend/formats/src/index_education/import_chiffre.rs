//! The `ImportChiffre` container that carries file (A) to PRONOTE, sealed
//! for Index-Education's public key (docs/domain.md §4).
//!
//! Schema: `docs/formats/index-education/ConteneurImportChiffre.xsd`
//! (Index-Education's). Root `ImportChiffre@Version="1.0"`, children in
//! order `Partenaire`, `Description`, `Cle`, `Contenu`, `Verification`,
//! `DateExport`, `UAI`. The inner XML is zlib-compressed, encrypted with
//! AES-128-CBC (PKCS#7) under a random key and IV; `Cle` is the RSA PKCS#1
//! v1.5 encryption of key ‖ IV ‖ MD5(key ‖ IV); `Verification` the SHA-256
//! of the compressed XML; binary values in base64.

use chrono::{DateTime, Utc};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use rsa::rand_core::CryptoRngCore;
use rsa::{RsaPrivateKey, RsaPublicKey};
use thiserror::Error;

use super::crypto::{
    PayloadError, SessionKey, UnwrapError, base64_decode, open_payload, seal_payload,
};
use super::xml::{Element, XmlError, XmlLimits, escape_text, parse_document};

/// The namespace of every element.
pub const NAMESPACE: &str = "http://www.index-education.com/containeurimportchiffreV1";
/// The root's `Version`.
pub const VERSION: &str = "1.0";
/// Largest container read, and largest XML once opened.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;

/// The clear part of the container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContainerHeader {
    /// `Partenaire`: the partner's name.
    pub partner_name: String,
    /// `Description`: free text on the content.
    pub description: String,
    /// `DateExport`, written to the second.
    pub export_date: DateTime<Utc>,
    /// `UAI`: the key of the establishment group (one UAI, or the cité
    /// scolaire's).
    pub uai: String,
}

/// Why a container could not be sealed or opened. French: shown to the
/// operator, saying what to do.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ContainerError {
    #[error("le contenu à chiffrer n'est pas un XML en UTF-8")]
    NotUtf8,
    #[error(
        "chiffrement impossible avec la clé publique Index-Education ({0}) : vérifiez la clé \
         dans les paramètres d'échange"
    )]
    Encryption(String),
    #[error("ce fichier n'est pas un conteneur ImportChiffre : {0}")]
    NotAContainer(String),
    #[error("le fichier est incomplet (tronqué) : téléchargez-le de nouveau")]
    Truncated,
    #[error("le fichier dépasse la taille maximale de {max} octets", max = MAX_BYTES)]
    TooLarge,
    #[error("ce fichier n'a pas été chiffré pour cette clé privée")]
    WrongKey,
    #[error("la clé de chiffrement du fichier est altérée (contrôle MD5 en échec)")]
    KeyCheckFailed,
    #[error("le contenu chiffré est altéré ({0}) : téléchargez le fichier de nouveau")]
    Corrupted(&'static str),
    #[error("le contenu ne correspond pas à son empreinte SHA-256 : le fichier est altéré")]
    HashMismatch,
}

impl ContainerError {
    /// A stable code for the API.
    pub fn code(&self) -> &'static str {
        match self {
            ContainerError::NotUtf8 => "CONTAINER_NOT_UTF8",
            ContainerError::Encryption(_) => "CONTAINER_ENCRYPTION_FAILED",
            ContainerError::NotAContainer(_) => "CONTAINER_NOT_A_CONTAINER",
            ContainerError::Truncated => "CONTAINER_TRUNCATED",
            ContainerError::TooLarge => "CONTAINER_TOO_LARGE",
            ContainerError::WrongKey => "CONTAINER_WRONG_KEY",
            ContainerError::KeyCheckFailed => "CONTAINER_KEY_CHECK_FAILED",
            ContainerError::Corrupted(_) => "CONTAINER_CORRUPTED",
            ContainerError::HashMismatch => "CONTAINER_HASH_MISMATCH",
        }
    }
}

/// Seals `inner_xml` (file A) for `public_key` (Index-Education's).
pub fn seal_import_chiffre(
    inner_xml: &[u8],
    public_key: &RsaPublicKey,
    header: &ContainerHeader,
    rng: &mut impl CryptoRngCore,
) -> Result<Vec<u8>, ContainerError> {
    if std::str::from_utf8(inner_xml).is_err() {
        return Err(ContainerError::NotUtf8);
    }
    let session = SessionKey::random(rng);
    let wrapped = session
        .wrap(public_key, rng)
        .map_err(|e| ContainerError::Encryption(e.to_string()))?;
    let (content, verification) = seal_payload(&session, inner_xml, true);
    let cle = super::crypto::base64_encode(&wrapped);

    let mut writer = Writer::new_with_indent(Vec::with_capacity(content.len() + 2048), b' ', 2);
    let date = header.export_date.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let write = |w: &mut Writer<Vec<u8>>| -> std::io::Result<()> {
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        let mut root = BytesStart::new("ImportChiffre");
        root.push_attribute(("xmlns", NAMESPACE));
        root.push_attribute(("Version", VERSION));
        w.write_event(Event::Start(root))?;
        for (name, value, escaped) in [
            ("Partenaire", header.partner_name.as_str(), false),
            ("Description", header.description.as_str(), false),
            ("Cle", cle.as_str(), true),
            ("Contenu", content.as_str(), true),
            ("Verification", verification.as_str(), true),
            ("DateExport", date.as_str(), true),
            ("UAI", header.uai.as_str(), false),
        ] {
            let text = if escaped {
                BytesText::from_escaped(value)
            } else {
                BytesText::from_escaped(escape_text(value))
            };
            w.write_event(Event::Start(BytesStart::new(name)))?;
            w.write_event(Event::Text(text))?;
            w.write_event(Event::End(BytesEnd::new(name)))?;
        }
        w.write_event(Event::End(BytesEnd::new("ImportChiffre")))
    };
    // Writing into a Vec cannot fail.
    let _ = write(&mut writer);
    let mut out = writer.into_inner();
    out.push(b'\n');
    Ok(out)
}

/// Opens a container with the private key matching the public key it was
/// sealed for, and returns the inner XML. Used by the tests and the demo
/// (PRONOTE does it for real).
pub fn open_import_chiffre(
    container: &[u8],
    private_key: &RsaPrivateKey,
) -> Result<Vec<u8>, ContainerError> {
    let limits = XmlLimits {
        max_bytes: MAX_BYTES,
        max_depth: 4,
        max_elements: 64,
    };
    let root = parse_document(container, &limits).map_err(|e| match e {
        XmlError::TooLarge { .. } => ContainerError::TooLarge,
        XmlError::Truncated => ContainerError::Truncated,
        other => ContainerError::NotAContainer(other.describe()),
    })?;
    if root.name != "ImportChiffre" || root.namespace.as_deref() != Some(NAMESPACE) {
        return Err(ContainerError::NotAContainer(format!(
            "élément racine <{}> au lieu de <ImportChiffre xmlns=\"{NAMESPACE}\">",
            root.name
        )));
    }
    let text = |name: &str| -> Result<&str, ContainerError> {
        root.child(name)
            .map(|e: &Element| e.text.as_str())
            .ok_or_else(|| ContainerError::NotAContainer(format!("élément <{name}> manquant")))
    };
    let wrapped = base64_decode(text("Cle")?).ok_or(ContainerError::Corrupted("base64"))?;
    let session = SessionKey::unwrap(&wrapped, private_key).map_err(|e| match e {
        UnwrapError::WrongKey => ContainerError::WrongKey,
        UnwrapError::KeyCheckFailed => ContainerError::KeyCheckFailed,
    })?;
    open_payload(
        &session,
        text("Contenu")?,
        text("Verification")?,
        true,
        MAX_BYTES,
    )
    .map_err(|e| match e {
        PayloadError::Corrupted(what) => ContainerError::Corrupted(what),
        PayloadError::HashMismatch => ContainerError::HashMismatch,
        PayloadError::TooLarge => ContainerError::TooLarge,
    })
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::index_education::{OsRng, test_keys, xmllint};

    const SCHEMA: &str = "index-education/ConteneurImportChiffre.xsd";

    fn header() -> ContainerHeader {
        ContainerHeader {
            partner_name: "Relais & Cie".into(),
            description: "Fichier de rapprochement <ENT>".into(),
            export_date: Utc.with_ymd_and_hms(2026, 9, 1, 8, 30, 0).unwrap(),
            uai: "0410017W".into(),
        }
    }

    fn sealed(inner: &[u8]) -> String {
        let (_, public_key) = test_keys::index_education();
        String::from_utf8(seal_import_chiffre(inner, public_key, &header(), &mut OsRng).unwrap())
            .unwrap()
    }

    /// The text of `<name>` in `xml`.
    fn element<'x>(xml: &'x str, name: &str) -> &'x str {
        let start = xml.find(&format!("<{name}>")).unwrap() + name.len() + 2;
        let end = xml.find(&format!("</{name}>")).unwrap();
        &xml[start..end]
    }

    #[test]
    fn seals_a_schema_valid_container_that_opens_to_the_same_bytes() {
        let inner = "<?xml version=\"1.0\"?><PARTENAIRE_INDEX>é</PARTENAIRE_INDEX>".repeat(50);
        let xml = sealed(inner.as_bytes());
        assert!(xml.starts_with(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ImportChiffre \
             xmlns=\"http://www.index-education.com/containeurimportchiffreV1\" Version=\"1.0\">\n  \
             <Partenaire>Relais &amp; Cie</Partenaire>\n  \
             <Description>Fichier de rapprochement &lt;ENT&gt;</Description>\n  <Cle>"
        ));
        assert!(
            xml.contains("<DateExport>2026-09-01T08:30:00Z</DateExport>\n  <UAI>0410017W</UAI>")
        );
        // RSA-2048: 256 bytes of key blob.
        assert_eq!(base64_decode(element(&xml, "Cle")).unwrap().len(), 256);
        xmllint(xml.as_bytes(), SCHEMA, true);
        let (private_key, _) = test_keys::index_education();
        assert_eq!(
            open_import_chiffre(xml.as_bytes(), private_key).unwrap(),
            inner.as_bytes()
        );
        // A fresh key and IV each time.
        assert_ne!(
            element(&sealed(inner.as_bytes()), "Contenu"),
            element(&xml, "Contenu")
        );
    }

    #[test]
    fn the_schema_refuses_a_misordered_or_incomplete_container() {
        let xml = sealed(b"<x/>");
        let without_uai = xml.replace("<UAI>0410017W</UAI>", "");
        xmllint(without_uai.as_bytes(), SCHEMA, false);
        let bad_date = xml.replace("2026-09-01T08:30:00Z", "01/09/2026");
        xmllint(bad_date.as_bytes(), SCHEMA, false);
        let no_version = xml.replace(" Version=\"1.0\"", "");
        xmllint(no_version.as_bytes(), SCHEMA, false);
    }

    #[test]
    fn each_kind_of_damage_has_its_error() {
        let (private_key, _) = test_keys::index_education();
        let open = |xml: &str| open_import_chiffre(xml.as_bytes(), private_key).unwrap_err();
        let xml = sealed(b"<PARTENAIRE_INDEX/>");
        assert_eq!(
            open_import_chiffre(xml.as_bytes(), test_keys::other()).unwrap_err(),
            ContainerError::WrongKey
        );
        let contenu = element(&xml, "Contenu");
        assert_eq!(
            open(&xml.replace(contenu, &contenu[16..])),
            ContainerError::Corrupted("aes")
        );
        assert_eq!(
            open(&xml.replace(contenu, &format!("*{contenu}"))),
            ContainerError::Corrupted("base64")
        );
        let verification = element(&xml, "Verification");
        assert_eq!(
            open(&xml.replace(verification, &base64_encode_for_test(&[0; 32]))),
            ContainerError::HashMismatch
        );
        assert_eq!(open(&xml[..xml.len() / 2]), ContainerError::Truncated);
        assert!(matches!(
            open("PK\u{3}\u{4}"),
            ContainerError::NotAContainer(_)
        ));
        assert!(matches!(
            open("<PARTENAIRE_INDEX/>"),
            ContainerError::NotAContainer(m) if m.contains("ImportChiffre")
        ));
        assert_eq!(
            ContainerError::HashMismatch.code(),
            "CONTAINER_HASH_MISMATCH"
        );
        assert_eq!(
            seal_import_chiffre(
                b"\xff",
                &test_keys::index_education().1,
                &header(),
                &mut OsRng
            )
            .unwrap_err(),
            ContainerError::NotUtf8
        );
    }

    fn base64_encode_for_test(data: &[u8]) -> String {
        super::super::crypto::base64_encode(data)
    }
}
