//! How values are written out: on one line for a mail header, as lowercase
//! hexadecimal for a digest, as a sentence for a message of a lower layer.
//! Pure string functions shared by the layers, so that each is written once.

/// `raw` on one line: white space runs (line breaks included) become one
/// space, other control characters go. For header values (an e-mail's
/// subject) built from text typed by people.
pub fn single_line(raw: &str) -> String {
    raw.split_whitespace()
        .map(|word| word.chars().filter(|c| !c.is_control()).collect::<String>())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `bytes` as lowercase hexadecimal, two digits per byte (digests, key
/// fingerprints).
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        // Writing to a String cannot fail.
        let _ = write!(out, "{byte:02x}");
    }
    out
}

/// A French message of a lower layer (lower case, no full stop) as a
/// sentence shown to the user: first letter upper case, ending with a full
/// stop.
pub fn sentence(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => {
            let sentence: String = first.to_uppercase().chain(chars).collect();
            if sentence.ends_with('.') {
                sentence
            } else {
                sentence + "."
            }
        }
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_line_folds_white_space_and_drops_control_characters() {
        assert_eq!(single_line(" a\t b\u{0}c \r\n"), "a bc");
        assert_eq!(
            single_line("Titre\r\nBcc: espion@exemple.fr"),
            "Titre Bcc: espion@exemple.fr"
        );
        assert_eq!(single_line("\r\n"), "");
    }

    #[test]
    fn hex_is_lowercase_two_digits_per_byte() {
        assert_eq!(hex(&[0x00, 0x0f, 0xa0, 0xff]), "000fa0ff");
        assert_eq!(hex(&[]), "");
    }

    #[test]
    fn a_message_becomes_a_sentence() {
        assert_eq!(sentence("clé invalide"), "Clé invalide.");
        assert_eq!(sentence("éléments manquants."), "Éléments manquants.");
        assert_eq!(sentence(""), "");
    }
}
