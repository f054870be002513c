//! Percent-encoding for the page's query string and fragment, shared by
//! [`crate::params`] and [`crate::share`].
//!
//! Decoding is strict: a malformed escape (`%`, `%4`, `%zz`) or bytes that are
//! not UTF-8 make the whole component invalid, rather than being passed
//! through or replaced, so that a hostile value never reaches the page half
//! decoded.

/// Decodes one `application/x-www-form-urlencoded` component, as
/// `URLSearchParams` does (`+` is a space), except that malformed escapes and
/// invalid UTF-8 give `None`.
pub(crate) fn decode_component(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        match byte {
            b'%' => {
                let high = bytes.get(i + 1).copied().and_then(hex_value)?;
                let low = bytes.get(i + 2).copied().and_then(hex_value)?;
                out.push(high << 4 | low);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// Encodes a component so that [`decode_component`] gives it back: ASCII
/// letters, digits, `-._~` and the bytes of `keep` stay, every other byte
/// becomes `%XX`.
pub(crate) fn encode_component(text: &str, keep: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) || keep.contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
    out
}

/// The `key=value` pairs of a query string or fragment, raw (not decoded):
/// empty pairs are skipped and a pair without `=` has an empty value.
pub(crate) fn raw_pairs(text: &str) -> impl Iterator<Item = (&str, &str)> {
    text.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
}

/// The value of a hexadecimal digit.
pub(crate) fn hex_value(digit: u8) -> Option<u8> {
    match digit {
        b'0'..=b'9' => Some(digit - b'0'),
        b'a'..=b'f' => Some(digit - b'a' + 10),
        b'A'..=b'F' => Some(digit - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_escapes_and_plus() {
        assert_eq!(decode_component("a%20b+c").as_deref(), Some("a b c"));
        assert_eq!(decode_component("%C3%A9t%c3%a9").as_deref(), Some("été"));
        assert_eq!(decode_component("").as_deref(), Some(""));
    }

    #[test]
    fn rejects_malformed_escapes_and_invalid_utf8() {
        for raw in [
            "%",
            "%4",
            "%zz",
            "a%g1",
            "%FF",
            "%C3",
            "%C3%28",
            "%ED%A0%80",
        ] {
            assert_eq!(decode_component(raw), None, "{raw}");
        }
    }

    #[test]
    fn encoding_round_trips() {
        for text in ["", "a b+c&d=e#f%g", "été 🎉", "\0\u{7f}", "https://x/y?z"] {
            let encoded = encode_component(text, b":/");
            assert!(encoded.bytes().all(|b| b.is_ascii_graphic()), "{encoded}");
            assert!(!encoded.contains(['&', '=', '+', '#']), "{encoded}");
            assert_eq!(decode_component(&encoded).as_deref(), Some(text));
        }
    }

    #[test]
    fn splits_pairs() {
        let pairs: Vec<_> = raw_pairs("a=1&&b&c=x=y&").collect();
        assert_eq!(pairs, [("a", "1"), ("b", ""), ("c", "x=y")]);
    }
}
