//! A lexical scan of the GraphQL text before it is parsed: tokens, nesting
//! and top-level definitions, in one pass over the bytes.
//!
//! The parser is recursive and async-graphql checks its own recursion limit
//! only after parsing, so a document nested 50,000 levels deep must be
//! refused here, without building anything. Counting fragment and operation
//! definitions at the top level refuses the k = 1,000 fragment chain before
//! the parser allocates a thousand definitions.

/// What the scan counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScanCounts {
    pub tokens: usize,
    /// Deepest nesting of `{`, `[` and `(`.
    pub nesting: usize,
    /// `fragment` definitions at the top level.
    pub fragments: usize,
    /// Operations at the top level (`query`, `mutation`, `subscription`, or a
    /// bare `{`).
    pub operations: usize,
}

/// Why the scan stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanStop {
    Tokens,
    Nesting,
    Fragments,
    Operations,
}

/// Limits the scan enforces as it goes, so it stops at the first excess.
#[derive(Debug, Clone, Copy)]
pub struct ScanLimits {
    pub tokens: usize,
    pub nesting: usize,
    pub fragments: usize,
    pub operations: usize,
}

/// Scans `text`. Malformed input (an unterminated string…) is not an error
/// here: the parser reports it with its position.
pub fn scan(text: &str, limits: &ScanLimits) -> Result<ScanCounts, ScanStop> {
    let bytes = text.as_bytes();
    let mut counts = ScanCounts::default();
    let mut depth = 0usize;
    // A top-level keyword was read: the next top-level `{` is its body, not
    // a shorthand `{ … }` query.
    let mut expect_body = false;
    let mut i = 0usize;
    while let Some(&byte) = bytes.get(i) {
        match byte {
            b' ' | b'\t' | b'\n' | b'\r' | b',' => {
                i += 1;
                continue;
            }
            b'#' => {
                i = skip_comment(bytes, i);
                continue;
            }
            _ => {}
        }
        counts.tokens += 1;
        if counts.tokens > limits.tokens {
            return Err(ScanStop::Tokens);
        }
        match byte {
            b'"' => i = skip_string(bytes, i),
            b'{' | b'[' | b'(' => {
                if depth == 0 && byte == b'{' {
                    if expect_body {
                        expect_body = false;
                    } else {
                        counts.operations += 1;
                    }
                }
                depth += 1;
                counts.nesting = counts.nesting.max(depth);
                if depth > limits.nesting {
                    return Err(ScanStop::Nesting);
                }
                i += 1;
            }
            b'}' | b']' | b')' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'.' if bytes.get(i..i + 3) == Some(b"...") => i += 3,
            _ if is_name_byte(byte) => {
                let start = i;
                while bytes.get(i).copied().is_some_and(is_name_byte) {
                    i += 1;
                }
                if depth == 0 {
                    match bytes.get(start..i) {
                        Some(b"fragment") => {
                            counts.fragments += 1;
                            expect_body = true;
                        }
                        Some(b"query" | b"mutation" | b"subscription") => {
                            counts.operations += 1;
                            expect_body = true;
                        }
                        _ => {}
                    }
                }
            }
            // Any other byte (punctuator, non-ASCII) is one token.
            _ => i += 1,
        }
        if counts.fragments > limits.fragments {
            return Err(ScanStop::Fragments);
        }
        if counts.operations > limits.operations {
            return Err(ScanStop::Operations);
        }
    }
    Ok(counts)
}

fn is_name_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-' | b'+' | b'.')
}

fn skip_comment(bytes: &[u8], mut i: usize) -> usize {
    while let Some(&b) = bytes.get(i) {
        if b == b'\n' || b == b'\r' {
            break;
        }
        i += 1;
    }
    i
}

/// Past a `"…"` or `"""…"""` string starting at `i`.
fn skip_string(bytes: &[u8], i: usize) -> usize {
    if bytes.get(i..i + 3) == Some(b"\"\"\"") {
        let mut j = i + 3;
        while j < bytes.len() {
            if bytes.get(j..j + 4) == Some(b"\\\"\"\"") {
                j += 4;
            } else if bytes.get(j..j + 3) == Some(b"\"\"\"") {
                return j + 3;
            } else {
                j += 1;
            }
        }
        return j;
    }
    let mut j = i + 1;
    while let Some(&b) = bytes.get(j) {
        match b {
            b'\\' => j += 2,
            b'"' => return j + 1,
            b'\n' | b'\r' => return j,
            _ => j += 1,
        }
    }
    j
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIDE: ScanLimits = ScanLimits {
        tokens: 1_000_000,
        nesting: 1_000_000,
        fragments: 1_000_000,
        operations: 1_000_000,
    };

    #[test]
    fn counts_tokens_nesting_and_definitions() {
        let counts = scan(
            "query Q($a: Int = 3) { me { ...F } } fragment F on User { id @include(if: true) } # x { {",
            &WIDE,
        )
        .unwrap();
        assert_eq!(counts.operations, 1);
        assert_eq!(counts.fragments, 1);
        assert_eq!(counts.nesting, 2);
        // `query Q ( $ a : Int = 3 )` + `{ me { ... F } }` +
        // `fragment F on User { id @ include ( if : true ) }`
        assert_eq!(counts.tokens, 10 + 7 + 14);
    }

    #[test]
    fn braces_inside_strings_and_comments_do_not_count() {
        let counts = scan(
            "{ a(x: \"{{{{ \\\" }}\", y: \"\"\"{ [ ( \\\"\"\" \"\"\") # {{{{\n}",
            &WIDE,
        )
        .unwrap();
        assert_eq!(counts.nesting, 2);
        assert_eq!(counts.operations, 1);
    }

    #[test]
    fn a_deep_document_stops_at_the_limit() {
        let deep = "{a".repeat(50_000);
        let limits = ScanLimits {
            nesting: 40,
            ..WIDE
        };
        assert_eq!(scan(&deep, &limits), Err(ScanStop::Nesting));
    }

    #[test]
    fn too_many_tokens_fragments_or_operations_stop_the_scan() {
        let limits = ScanLimits { tokens: 10, ..WIDE };
        assert_eq!(
            scan("{ a b c d e f g h i j k }", &limits),
            Err(ScanStop::Tokens)
        );
        let limits = ScanLimits {
            fragments: 2,
            ..WIDE
        };
        let text = "{ a } fragment A on Q { a } fragment B on Q { a } fragment C on Q { a }";
        assert_eq!(scan(text, &limits), Err(ScanStop::Fragments));
        let limits = ScanLimits {
            operations: 2,
            ..WIDE
        };
        assert_eq!(
            scan("query A { a } query B { a } mutation C { a }", &limits),
            Err(ScanStop::Operations)
        );
    }

    #[test]
    fn unterminated_strings_end_the_scan_quietly() {
        assert!(scan("{ a(x: \"open", &WIDE).is_ok());
        assert!(scan("{ a(x: \"\"\"open", &WIDE).is_ok());
    }
}
