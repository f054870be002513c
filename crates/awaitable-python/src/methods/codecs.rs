//! `str.encode` and `bytes.decode` for UTF-8, ASCII and Latin-1, with
//! CPython's error handlers and error messages.

use crate::interp::{Interp, Raise};

/// The codecs Awaitable knows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Codec {
    Utf8,
    Ascii,
    Latin1,
}

impl Codec {
    /// The name CPython's messages use.
    fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
        }
    }

    /// The highest code point the codec can encode.
    fn limit(self) -> u32 {
        match self {
            Codec::Utf8 => 0x10_ffff,
            Codec::Ascii => 0x7f,
            Codec::Latin1 => 0xff,
        }
    }
}

/// Looks an encoding name up the way `codecs.lookup` normalises it.
fn lookup(interp: &Interp, encoding: &str) -> Raise<Codec> {
    let normal: String = encoding
        .trim()
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c == '-' || c == ' ' { '_' } else { c })
        .collect();
    match normal.as_str() {
        "utf_8" | "utf8" | "u8" | "utf" | "cp65001" | "utf8_ucs2" | "utf8_ucs4" => Ok(Codec::Utf8),
        "ascii" | "us_ascii" | "646" | "us" | "ansi_x3.4_1968" | "iso646_us" => Ok(Codec::Ascii),
        "latin_1" | "latin1" | "latin" | "l1" | "iso8859_1" | "iso_8859_1" | "8859" | "cp819"
        | "iso_ir_100" => Ok(Codec::Latin1),
        _ => Err(interp.err("LookupError", format!("unknown encoding: {encoding}"))),
    }
}

fn unknown_handler(interp: &Interp, errors: &str) -> crate::value::Exc {
    interp.err(
        "LookupError",
        format!("unknown error handler name '{errors}'"),
    )
}

/// `s.encode(encoding, errors)`.
pub(crate) fn encode(interp: &Interp, s: &str, encoding: &str, errors: &str) -> Raise<Vec<u8>> {
    let codec = lookup(interp, encoding)?;
    if codec == Codec::Utf8 {
        return Ok(s.as_bytes().to_vec());
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        if c as u32 <= codec.limit() {
            out.push(c as u32 as u8);
            i += 1;
            continue;
        }
        // CPython reports the whole run of unencodable characters at once.
        let run = chars
            .get(i..)
            .unwrap_or(&[])
            .iter()
            .take_while(|&&c| c as u32 > codec.limit())
            .count();
        let bad = chars.get(i..i + run).unwrap_or(&[]);
        match errors {
            "strict" => return Err(encode_error(interp, codec, bad, i)),
            "ignore" => {}
            "replace" => out.extend(std::iter::repeat_n(b'?', run)),
            "xmlcharrefreplace" => bad
                .iter()
                .for_each(|&c| out.extend(format!("&#{};", c as u32).bytes())),
            "backslashreplace" => bad.iter().for_each(|&c| out.extend(escape(c).bytes())),
            _ => return Err(unknown_handler(interp, errors)),
        }
        interp.check_len(out.len())?;
        i += run;
    }
    Ok(out)
}

/// `\xNN`, `\uNNNN` or `\UNNNNNNNN`, as `backslashreplace` and the messages write a character.
fn escape(c: char) -> String {
    let n = c as u32;
    if n < 0x100 {
        format!("\\x{n:02x}")
    } else if n < 0x1_0000 {
        format!("\\u{n:04x}")
    } else {
        format!("\\U{n:08x}")
    }
}

fn encode_error(interp: &Interp, codec: Codec, bad: &[char], start: usize) -> crate::value::Exc {
    let what = match bad {
        [c] => format!("character '{}' in position {start}", escape(*c)),
        _ => format!(
            "characters in position {start}-{}",
            start + bad.len().saturating_sub(1)
        ),
    };
    let message = format!(
        "'{}' codec can't encode {what}: ordinal not in range({})",
        codec.name(),
        codec.limit() + 1
    );
    interp.err("UnicodeEncodeError", message)
}

/// `b.decode(encoding, errors)`.
pub(crate) fn decode(interp: &Interp, bytes: &[u8], encoding: &str, errors: &str) -> Raise<String> {
    match lookup(interp, encoding)? {
        Codec::Latin1 => Ok(bytes.iter().map(|&b| b as char).collect()),
        Codec::Ascii => decode_ascii(interp, bytes, errors),
        Codec::Utf8 => decode_utf8(interp, bytes, errors),
    }
}

fn decode_ascii(interp: &Interp, bytes: &[u8], errors: &str) -> Raise<String> {
    let mut out = String::with_capacity(bytes.len());
    for (i, &b) in bytes.iter().enumerate() {
        if b.is_ascii() {
            out.push(b as char);
            continue;
        }
        match errors {
            "strict" => {
                return Err(decode_error(
                    interp,
                    Codec::Ascii,
                    bytes,
                    i,
                    i + 1,
                    "ordinal not in range(128)",
                ))
            }
            "ignore" => {}
            "replace" => out.push('\u{fffd}'),
            "backslashreplace" => out.push_str(&format!("\\x{b:02x}")),
            _ => return Err(unknown_handler(interp, errors)),
        }
    }
    Ok(out)
}

fn decode_utf8(interp: &Interp, bytes: &[u8], errors: &str) -> Raise<String> {
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                out.push_str(valid);
                return Ok(out);
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(valid).unwrap_or_default());
                // `error_len` is the maximal invalid subpart, which CPython reports
                // and replaces as one unit; `None` means the data ended mid-character.
                let bad = e.error_len().unwrap_or(after.len());
                let reason = match (e.error_len(), after.first()) {
                    (None, _) => "unexpected end of data",
                    (Some(1), Some(&b)) if !(0xc2..=0xf4).contains(&b) => "invalid start byte",
                    _ => "invalid continuation byte",
                };
                let start = bytes.len() - after.len();
                match errors {
                    "strict" => {
                        return Err(decode_error(
                            interp,
                            Codec::Utf8,
                            bytes,
                            start,
                            start + bad,
                            reason,
                        ))
                    }
                    "ignore" => {}
                    "replace" => out.push('\u{fffd}'),
                    "backslashreplace" => after
                        .iter()
                        .take(bad)
                        .for_each(|b| out.push_str(&format!("\\x{b:02x}"))),
                    _ => return Err(unknown_handler(interp, errors)),
                }
                rest = after.get(bad..).unwrap_or(&[]);
            }
        }
    }
}

fn decode_error(
    interp: &Interp,
    codec: Codec,
    bytes: &[u8],
    start: usize,
    end: usize,
    reason: &str,
) -> crate::value::Exc {
    let what = if end - start == 1 {
        format!(
            "byte 0x{:02x} in position {start}",
            bytes.get(start).copied().unwrap_or(0)
        )
    } else {
        format!("bytes in position {start}-{}", end - 1)
    };
    interp.err(
        "UnicodeDecodeError",
        format!("'{}' codec can't decode {what}: {reason}", codec.name()),
    )
}
