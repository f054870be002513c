//! The page's options, read from the URL's query string.
//!
//! `?lang=en&cell=3&clock=fast&theme=dark&embed=1&wikipedia=https://...`
//!
//! Links are typed by people and pasted from anywhere, so [`parse_query`]
//! never fails: a key it does not know is ignored, and a value it does not
//! accept (misspelt, out of range, hostile, too long, badly escaped) leaves
//! that option at its default. When a key is repeated only its first
//! occurrence counts, as with `URLSearchParams.get`, even if that first value
//! is invalid. [`to_query`] writes the options back for links.

use std::num::NonZeroU32;

use crate::course::{CourseCell, Lang};
use crate::ipynb;
use crate::urlenc::{decode_component, encode_component, raw_pairs};

/// Everything the query string can set; [`Default`] is the page without a
/// query string.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageOptions {
    /// `lang=fr|en`: the course's language (French by default).
    pub lang: Lang,
    /// `cell=N` or `cell=ID`: the cell to scroll to on load.
    pub cell: Option<CellTarget>,
    /// `clock=real|fast`: how `asyncio.sleep` and `time.sleep` pass.
    pub clock: ClockChoice,
    /// `theme=light|dark|auto`: the colour scheme.
    pub theme: Theme,
    /// `embed=1`: the page is shown inside another page (an iframe), without
    /// its header and footer.
    pub embed: bool,
    /// `wikipedia=URL`: where the course's `wikipedia` module sends its
    /// requests instead of Wikipedia, e.g. a local mock for tests. Only URLs
    /// that [`is_allowed_endpoint`] accepts get here.
    pub wikipedia_endpoint: Option<String>,
}

/// The cell a link points at.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CellTarget {
    /// The N-th code cell of the notebook, counting from 1 (`cell=3`), prose
    /// cells not counted and cells shown only with the solution counted.
    Number(NonZeroU32),
    /// The cell with this id, code or prose (`cell=exercise`).
    Id(String),
}

/// How time passes while cells run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum ClockChoice {
    /// Sleeps take as long as they say, as in Jupyter.
    #[default]
    Real,
    /// Sleeps are skipped (the clock jumps ahead), while computing still takes
    /// its real time, like the CLI's `--clock virtual`.
    Fast,
}

/// The page's colour scheme.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Theme {
    /// Follow the browser's `prefers-color-scheme`.
    #[default]
    Auto,
    /// Light, whatever the browser prefers.
    Light,
    /// Dark, whatever the browser prefers.
    Dark,
}

/// The longest `wikipedia=` endpoint accepted, in bytes once decoded.
pub const MAX_ENDPOINT_LEN: usize = 2048;

/// The longest cell id accepted, as nbformat limits ids.
pub const MAX_CELL_ID_LEN: usize = 64;

/// Raw (still escaped) keys longer than this cannot be a known key.
const MAX_RAW_KEY_LEN: usize = 64;

/// Raw values longer than this are dropped before decoding: an endpoint of
/// [`MAX_ENDPOINT_LEN`] bytes, every byte escaped.
const MAX_RAW_VALUE_LEN: usize = 3 * MAX_ENDPOINT_LEN;

/// The keys [`parse_query`] knows, in the order [`to_query`] writes them.
#[derive(Debug, Clone, Copy)]
enum Key {
    Lang,
    Cell,
    Clock,
    Theme,
    Embed,
    Wikipedia,
}

impl Key {
    const COUNT: usize = 6;

    fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "lang" => Self::Lang,
            "cell" => Self::Cell,
            "clock" => Self::Clock,
            "theme" => Self::Theme,
            "embed" => Self::Embed,
            "wikipedia" => Self::Wikipedia,
            _ => return None,
        })
    }
}

/// Reads the page's options from a query string, with or without its leading
/// `?` (anything from a `#` on is ignored). Never fails: see the module's
/// documentation for what happens to unknown keys and invalid values.
pub fn parse_query(query: &str) -> PageOptions {
    let query = query.strip_prefix('?').unwrap_or(query);
    let query = query.split('#').next().unwrap_or_default();
    let mut options = PageOptions::default();
    let mut seen = [false; Key::COUNT];
    for (raw_key, raw_value) in raw_pairs(query) {
        if raw_key.len() > MAX_RAW_KEY_LEN {
            continue;
        }
        let Some(key) = decode_component(raw_key).and_then(|name| Key::from_name(&name)) else {
            continue;
        };
        if std::mem::replace(&mut seen[key as usize], true) {
            continue;
        }
        if raw_value.len() > MAX_RAW_VALUE_LEN {
            continue;
        }
        let Some(value) = decode_component(raw_value) else {
            continue;
        };
        match key {
            Key::Lang => options.lang = lang_from_param(&value).unwrap_or_default(),
            Key::Cell => options.cell = CellTarget::from_param(&value),
            Key::Clock => options.clock = ClockChoice::from_param(&value).unwrap_or_default(),
            Key::Theme => options.theme = Theme::from_param(&value).unwrap_or_default(),
            Key::Embed => options.embed = embed_from_param(&value).unwrap_or_default(),
            Key::Wikipedia => {
                options.wikipedia_endpoint = is_allowed_endpoint(&value).then_some(value);
            }
        }
    }
    options
}

/// Whether a query string (with or without its `?`) sets the language,
/// validly or not: a link's `lang=` always wins over other hints.
pub fn sets_lang(query: &str) -> bool {
    let query = query.strip_prefix('?').unwrap_or(query);
    let query = query.split('#').next().unwrap_or_default();
    raw_pairs(query).any(|(key, _)| decode_component(key).as_deref() == Some("lang"))
}

/// Writes options as a query string, without the leading `?`, for links:
/// `parse_query(&to_query(&options)) == options`. Options at their default
/// are left out (so the default options give an empty string), and so are a
/// cell id or endpoint that [`parse_query`] would not accept.
pub fn to_query(options: &PageOptions) -> String {
    let mut pairs: Vec<(&str, String)> = Vec::new();
    if options.lang != Lang::default() {
        pairs.push(("lang", options.lang.code().to_owned()));
    }
    if let Some(cell) = options.cell.as_ref().and_then(CellTarget::to_param) {
        pairs.push(("cell", cell));
    }
    if options.clock != ClockChoice::default() {
        pairs.push(("clock", options.clock.as_str().to_owned()));
    }
    if options.theme != Theme::default() {
        pairs.push(("theme", options.theme.as_str().to_owned()));
    }
    if options.embed {
        pairs.push(("embed", "1".to_owned()));
    }
    if let Some(endpoint) = &options.wikipedia_endpoint {
        if is_allowed_endpoint(endpoint) {
            pairs.push(("wikipedia", endpoint.clone()));
        }
    }
    pairs
        .iter()
        .map(|(key, value)| format!("{key}={}", encode_component(value, b":/")))
        .collect::<Vec<_>>()
        .join("&")
}

/// Reads a `lang=` value: `fr` or `en`, ignoring ASCII case and surrounding
/// spaces; `None` for anything else.
pub(crate) fn lang_from_param(value: &str) -> Option<Lang> {
    let value = value.trim();
    Lang::ALL
        .into_iter()
        .find(|lang| value.eq_ignore_ascii_case(lang.code()))
}

fn embed_from_param(value: &str) -> Option<bool> {
    match value.trim() {
        "1" => Some(true),
        "0" => Some(false),
        other if other.eq_ignore_ascii_case("true") => Some(true),
        other if other.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

impl CellTarget {
    /// Reads a `cell=` value: digits are a code-cell number from 1 (at most
    /// `u32::MAX`); otherwise a valid cell id ([`is_valid_cell_id`]) holding
    /// at least one letter, so that `-1` or `0` are neither. Anything else
    /// gives `None`.
    pub fn from_param(value: &str) -> Option<Self> {
        let value = value.trim();
        if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
            return value.parse().ok().map(Self::Number);
        }
        (is_valid_cell_id(value) && value.bytes().any(|b| b.is_ascii_alphabetic()))
            .then(|| Self::Id(value.to_owned()))
    }

    /// The `cell=` value that [`CellTarget::from_param`] reads back as this
    /// target, `None` for an id it would not accept.
    pub fn to_param(&self) -> Option<String> {
        match self {
            Self::Number(number) => Some(number.to_string()),
            Self::Id(id) => (Self::from_param(id).as_ref() == Some(self)).then(|| id.clone()),
        }
    }

    /// Where the target is among the course's cells (an index into
    /// [`crate::course::course`]), `None` if it names no cell.
    pub fn find_in_course(&self, cells: &[CourseCell]) -> Option<usize> {
        self.find(
            cells
                .iter()
                .map(|cell| (Some(cell.id), cell.code().is_some())),
        )
    }

    /// Where the target is among a notebook's cells, `None` if it names no
    /// cell.
    pub fn find_in_notebook(&self, cells: &[ipynb::Cell]) -> Option<usize> {
        self.find(
            cells
                .iter()
                .map(|cell| (cell.id(), matches!(cell, ipynb::Cell::Code(_)))),
        )
    }

    /// `cells` yields each cell's id and whether it is a code cell.
    fn find<'a>(&self, cells: impl Iterator<Item = (Option<&'a str>, bool)>) -> Option<usize> {
        let mut cells = cells.enumerate();
        match self {
            Self::Number(number) => {
                let nth = usize::try_from(number.get() - 1).ok()?;
                cells
                    .filter(|(_, (_, is_code))| *is_code)
                    .nth(nth)
                    .map(|(index, _)| index)
            }
            Self::Id(wanted) => cells
                .find(|(_, (id, _))| *id == Some(wanted.as_str()))
                .map(|(index, _)| index),
        }
    }
}

/// Whether `id` has the form nbformat requires of cell ids: 1 to 64 ASCII
/// letters, digits, `-` or `_`.
pub fn is_valid_cell_id(id: &str) -> bool {
    (1..=MAX_CELL_ID_LEN).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

impl ClockChoice {
    /// Every choice, the default first.
    pub const ALL: [ClockChoice; 2] = [ClockChoice::Real, ClockChoice::Fast];

    /// The name in a query string and in saved work: `real` or `fast`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Real => "real",
            Self::Fast => "fast",
        }
    }

    /// Reads a name written by [`ClockChoice::as_str`], ignoring ASCII case
    /// and surrounding spaces; `None` for anything else.
    pub fn from_param(value: &str) -> Option<Self> {
        let value = value.trim();
        Self::ALL
            .into_iter()
            .find(|choice| value.eq_ignore_ascii_case(choice.as_str()))
    }
}

impl Theme {
    /// Every theme, the default first.
    pub const ALL: [Theme; 3] = [Theme::Auto, Theme::Light, Theme::Dark];

    /// The name in a query string: `auto`, `light` or `dark`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Light => "light",
            Self::Dark => "dark",
        }
    }

    /// Reads a name written by [`Theme::as_str`], ignoring ASCII case and
    /// surrounding spaces; `None` for anything else.
    pub fn from_param(value: &str) -> Option<Self> {
        let value = value.trim();
        Self::ALL
            .into_iter()
            .find(|theme| value.eq_ignore_ascii_case(theme.as_str()))
    }
}

/// Whether the page may send the `wikipedia` module's requests to `url`.
///
/// Accepted: `https://HOST[:PORT][/PATH][?QUERY]` for any DNS name or
/// bracketed IPv6 address, and `http://` only to the loopback hosts
/// `127.0.0.1`, `localhost` and `[::1]` (a local mock). Schemes and hosts
/// match without regard to ASCII case. Refused: other schemes, userinfo
/// (`user@host`), a fragment, an empty or out-of-range port, hosts with other
/// characters than letters, digits, `-` and `.` (so no percent-encoded or
/// Unicode host: use punycode), malformed `%` escapes, spaces, control and
/// non-ASCII characters, backslashes and the other characters that URLs
/// never hold raw (quotes, angle brackets, braces, `|`, `^`, backquotes), and
/// anything over [`MAX_ENDPOINT_LEN`] bytes.
pub fn is_allowed_endpoint(url: &str) -> bool {
    if url.is_empty() || url.len() > MAX_ENDPOINT_LEN || !url.bytes().all(is_url_byte) {
        return false;
    }
    let (secure, rest) = if let Some(rest) = strip_prefix_ignore_case(url, "https://") {
        (true, rest)
    } else if let Some(rest) = strip_prefix_ignore_case(url, "http://") {
        (false, rest)
    } else {
        return false;
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    if tail.contains(['#', '[', ']']) || !escapes_well_formed(tail) {
        return false;
    }
    let Some(host) = host_of(authority) else {
        return false;
    };
    if secure {
        is_valid_host(host)
    } else {
        ["127.0.0.1", "localhost", "[::1]"]
            .iter()
            .any(|loopback| host.eq_ignore_ascii_case(loopback))
    }
}

/// The bytes an accepted endpoint may hold: RFC 3986's unreserved and
/// reserved characters and `%`.
fn is_url_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&byte)
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| text.get(prefix.len()..))
        .flatten()
}

fn escapes_well_formed(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().all(|(i, &byte)| {
        byte != b'%'
            || (bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
    })
}

/// The host of an authority without userinfo, after checking its port.
fn host_of(authority: &str) -> Option<&str> {
    if authority.contains('@') {
        return None;
    }
    let (host, port) = if authority.starts_with('[') {
        let close = authority.find(']')?;
        let (host, after) = authority.split_at(close + 1);
        match after {
            "" => (host, None),
            _ => (host, Some(after.strip_prefix(':')?)),
        }
    } else {
        match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    if let Some(port) = port {
        let valid = (1..=5).contains(&port.len())
            && port.bytes().all(|b| b.is_ascii_digit())
            && port.parse::<u16>().is_ok_and(|port| port != 0);
        if !valid {
            return None;
        }
    }
    Some(host)
}

/// A DNS name (labels of letters, digits and `-`) or a bracketed IPv6
/// address (hex digits, `:` and `.`).
fn is_valid_host(host: &str) -> bool {
    if let Some(inner) = host.strip_prefix('[') {
        let Some(inner) = inner.strip_suffix(']') else {
            return false;
        };
        return inner.contains(':')
            && inner
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.');
    }
    (1..=253).contains(&host.len())
        && host.split('.').all(|label| {
            (1..=63).contains(&label.len())
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
}

#[cfg(test)]
mod tests;
