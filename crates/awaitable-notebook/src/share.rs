//! Share links: a cell's code carried in the URL's fragment, compressed.
//!
//! `#code=<base64url(deflate(utf8))>&lang=fr`: the code's UTF-8 bytes,
//! compressed with raw deflate (RFC 1951, no zlib header), written in
//! unpadded base64url (RFC 4648 §5). The fragment never reaches a server.
//!
//! Reading is defensive, since anyone can craft a link: the encoded text and
//! the decompressed code are both bounded ([`MAX_ENCODED_LEN`],
//! [`MAX_SHARED_BYTES`]; decompression stops at the limit, so a small
//! "zip bomb" cannot make the page allocate more), and every malformed input
//! gives a [`ShareError`]. A later format would use another key than `code`.

use miniz_oxide::deflate::compress_to_vec;
use miniz_oxide::inflate::{decompress_to_vec_with_limit, TINFLStatus};

use crate::course::{notebook_metadata, Lang};
use crate::exercise::Message;
use crate::ipynb::Cell;
use crate::ipynb_import::{content_hash, ImportedNotebook};
use crate::params::lang_from_param;
use crate::saved::NotebookId;
use crate::urlenc::{decode_component, raw_pairs};

/// The largest code a link can carry, in bytes of UTF-8: 256 KiB.
pub const MAX_SHARED_BYTES: usize = 256 * 1024;

/// The longest `code=` value read: base64url of [`MAX_SHARED_BYTES`] that do
/// not compress at all, plus deflate's framing.
pub const MAX_ENCODED_LEN: usize = (MAX_SHARED_BYTES + MAX_SHARED_BYTES / 64).div_ceil(3) * 4;

/// How hard deflate tries: the strongest level, as links are short-lived
/// but should be as short as possible, and the code is small.
const LEVEL: u8 = 9;

/// What a share link carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedCell {
    /// The cell's code.
    pub code: String,
    /// The language of the page that shared it, `None` if the link does not
    /// say (or names a language the course does not have).
    pub lang: Option<Lang>,
}

/// Why a share link could not be made or read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// The fragment has no `code=`.
    NoCode,
    /// The `code=` value is longer than [`MAX_ENCODED_LEN`].
    TooLong {
        /// Its length in bytes.
        len: usize,
        /// The limit.
        limit: usize,
    },
    /// The `code=` value is not unpadded or correctly padded base64url
    /// (a character outside the alphabet, a truncated last group, wrong
    /// padding, a bad `%` escape).
    BadBase64,
    /// The decoded bytes are not complete deflate data (corrupt or truncated).
    Corrupt,
    /// The code is over [`MAX_SHARED_BYTES`]: when sharing, or once
    /// decompressed (decompression stops there).
    TooLarge {
        /// The limit.
        limit: usize,
    },
    /// The decompressed bytes are not UTF-8 text.
    NotUtf8,
}

/// The fragment that shares `code` from a page in `lang`, with its `#`:
/// `#code=...&lang=fr`. Fails only for code over [`MAX_SHARED_BYTES`], which
/// [`decode_share`] would refuse.
pub fn encode_share(code: &str, lang: Lang) -> Result<String, ShareError> {
    let too_large = ShareError::TooLarge {
        limit: MAX_SHARED_BYTES,
    };
    if code.len() > MAX_SHARED_BYTES {
        return Err(too_large);
    }
    let encoded = base64url_encode(&compress_to_vec(code.as_bytes(), LEVEL));
    if encoded.len() > MAX_ENCODED_LEN {
        return Err(too_large);
    }
    Ok(format!("#code={encoded}&lang={}", lang.code()))
}

/// The id of the one cell of a shared notebook.
pub const SHARED_CELL_ID: &str = "shared";

/// The scratch notebook a share link opens: the shared code in one cell,
/// saved under its own id (`shared-` and a hash of the code), so that editing
/// it never touches the learner's work on the course, and opening the same
/// link again finds the edits. `lang` is the page's language, for export.
pub fn shared_notebook(code: &str, lang: Lang) -> ImportedNotebook {
    let mut cell = Cell::code(code);
    cell.set_id(Some(SHARED_CELL_ID.to_owned()));
    let cells = vec![cell];
    ImportedNotebook {
        id: NotebookId::shared(content_hash(&cells)),
        cells,
        metadata: notebook_metadata(lang),
        lang: Some(lang),
        skipped_raw_cells: 0,
    }
}

/// The language a share link's fragment names, without reading its code.
pub fn shared_lang(fragment: &str) -> Option<Lang> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let (_, value) = raw_pairs(fragment).find(|(key, _)| *key == "lang")?;
    decode_component(value).and_then(|lang| lang_from_param(&lang))
}

/// Reads a fragment made by [`encode_share`], with or without its `#`. Other
/// keys are ignored; for a repeated key the first counts.
pub fn decode_share(fragment: &str) -> Result<SharedCell, ShareError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let mut code = None;
    let mut lang = None;
    for (key, value) in raw_pairs(fragment) {
        match key {
            "code" if code.is_none() => code = Some(value),
            "lang" if lang.is_none() => lang = Some(value),
            _ => {}
        }
    }
    let raw = code.ok_or(ShareError::NoCode)?;
    if raw.len() > MAX_ENCODED_LEN {
        return Err(ShareError::TooLong {
            len: raw.len(),
            limit: MAX_ENCODED_LEN,
        });
    }
    let compressed = if raw.contains('%') {
        let unescaped = decode_component(raw).ok_or(ShareError::BadBase64)?;
        base64url_decode(&unescaped)
    } else {
        base64url_decode(raw)
    }
    .ok_or(ShareError::BadBase64)?;
    let too_large = ShareError::TooLarge {
        limit: MAX_SHARED_BYTES,
    };
    // One byte of room past the limit, so that code of exactly the limit
    // ends the stream within the buffer.
    let bytes = match decompress_to_vec_with_limit(&compressed, MAX_SHARED_BYTES + 1) {
        Ok(bytes) if bytes.len() <= MAX_SHARED_BYTES => bytes,
        Ok(_) => return Err(too_large),
        Err(error) if error.status == TINFLStatus::HasMoreOutput => return Err(too_large),
        Err(_) => return Err(ShareError::Corrupt),
    };
    let code = String::from_utf8(bytes).map_err(|_| ShareError::NotUtf8)?;
    let lang = lang
        .and_then(decode_component)
        .and_then(|lang| lang_from_param(&lang));
    Ok(SharedCell { code, lang })
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Unpadded base64url.
fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let group = chunk.iter().enumerate().fold(0u32, |group, (i, &byte)| {
            group | u32::from(byte) << (16 - 8 * i)
        });
        // A chunk of n bytes gives n + 1 characters.
        for i in 0..=chunk.len() {
            let index = (group >> (18 - 6 * i)) & 0x3f;
            out.push(char::from(ALPHABET[index as usize]));
        }
    }
    out
}

/// Decodes base64url, unpadded or correctly padded with `=`. Strict: a
/// character outside the alphabet, a last group of one character, wrong
/// padding, or unused bits that are not zero (so that each byte string has
/// one encoding) give `None`.
fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let data = bytes
        .strip_suffix(b"==")
        .or_else(|| bytes.strip_suffix(b"="));
    let data = match data {
        Some(data) => {
            // Padding completes the last group to four characters, exactly.
            let padding = bytes.len() - data.len();
            if !bytes.len().is_multiple_of(4) || data.len() % 4 != 4 - padding {
                return None;
            }
            data
        }
        None => bytes,
    };
    if data.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(data.len() / 4 * 3 + 2);
    for chunk in data.chunks(4) {
        let mut group = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            group |= u32::from(sextet(c)?) << (18 - 6 * i);
        }
        // A chunk of n characters holds n - 1 bytes; the bits past them
        // must be zero.
        let len = chunk.len() - 1;
        if group & (0x00ff_ffff >> (8 * len)) != 0 {
            return None;
        }
        out.extend(group.to_be_bytes().into_iter().skip(1).take(len));
    }
    Some(out)
}

fn sextet(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'-' => Some(62),
        b'_' => Some(63),
        _ => None,
    }
}

impl ShareError {
    /// What to tell the learner, in French and English.
    pub fn message(&self) -> Message {
        let (fr, en) = match self {
            Self::TooLarge { limit } => {
                return Message {
                    fr: format!(
                        "Le code dépasse {} Kio : il est trop long pour un lien.",
                        limit / 1024
                    ),
                    en: format!(
                        "The code is over {} KiB: too long for a link.",
                        limit / 1024
                    ),
                }
            }
            Self::NoCode => (
                "Ce lien ne contient pas de code.",
                "This link holds no code.",
            ),
            Self::TooLong { .. } | Self::BadBase64 | Self::Corrupt | Self::NotUtf8 => (
                "Ce lien de partage est abîmé (tronqué ou modifié) : le code n'a pas pu être lu.",
                "This share link is damaged (cut short or altered): the code could not be read.",
            ),
        };
        Message {
            fr: fr.to_owned(),
            en: en.to_owned(),
        }
    }
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NoCode => f.write_str("share link has no code"),
            Self::TooLong { len, limit } => {
                write!(f, "share link too long: {len} characters (limit {limit})")
            }
            Self::BadBase64 => f.write_str("share link's code is not valid base64url"),
            Self::Corrupt => f.write_str("share link's code is corrupt or truncated"),
            Self::TooLarge { limit } => write!(f, "shared code over {limit} bytes"),
            Self::NotUtf8 => f.write_str("shared code is not UTF-8 text"),
        }
    }
}

impl std::error::Error for ShareError {}

#[cfg(test)]
mod tests;
