//! `bytes` methods.

use std::rc::Rc;

use super::args::{
    add_methods, adjust_indices, as_bytes, bind, index_param, slice_bound, str_param, Arity,
    Params, Sig,
};
use crate::interp::{Interp, Raise};
use crate::value::*;

type Bytes = Rc<[u8]>;

/// Installs the `bytes` methods.
pub(crate) fn install(interp: &mut Interp) {
    let class = interp.types.get(BuiltinType::Bytes);
    add_methods(
        &class,
        &[
            ("decode", decode),
            ("hex", hex),
            ("count", count),
            ("find", find),
            ("rfind", rfind),
            ("index", index),
            ("rindex", rindex),
            ("startswith", startswith),
            ("endswith", endswith),
            ("split", split),
            ("rsplit", rsplit),
            ("join", join),
            ("upper", upper),
            ("lower", lower),
            ("strip", strip),
            ("lstrip", lstrip),
            ("rstrip", rstrip),
            ("replace", replace),
        ],
    );
}

fn bytes_args(
    interp: &Interp,
    args: Args,
    name: &'static str,
    arity: Arity,
) -> Raise<(Bytes, Params)> {
    bind(interp, args, &Sig::new("bytes", name, arity), as_bytes)
}

fn bytes_value(b: Vec<u8>) -> Value {
    Value::Bytes(b.into())
}

/// A bytes argument: `a bytes-like object is required, not 'str'`.
fn bytes_param(interp: &Interp, v: &Value) -> Raise<Bytes> {
    as_bytes(v).ok_or_else(|| {
        interp.type_error(format!(
            "a bytes-like object is required, not '{}'",
            interp.type_name(v)
        ))
    })
}

// ---- decoding and hex ----

fn decode(interp: &mut Interp, args: Args) -> Raise<Value> {
    let names: &[&str] = &["encoding", "errors"];
    let (b, p) = bytes_args(
        interp,
        args,
        "decode",
        Arity::Keywords {
            names,
            required: 0,
            positional: 2,
        },
    )?;
    let encoding = match p.get(0) {
        Some(v) => str_param(interp, v, "decode() argument 'encoding' ")?,
        None => Rc::from("utf-8"),
    };
    let errors = match p.get(1) {
        Some(v) => str_param(interp, v, "decode() argument 'errors' ")?,
        None => Rc::from("strict"),
    };
    super::codecs::decode(interp, &b, &encoding, &errors).map(|s| Value::str(&s))
}

/// `hex(sep=..., bytes_per_sep=1)`: groups of `bytes_per_sep` bytes counted
/// from the right (from the left when negative), joined by `sep`.
fn hex(interp: &mut Interp, args: Args) -> Raise<Value> {
    let names: &[&str] = &["sep", "bytes_per_sep"];
    let (b, p) = bytes_args(
        interp,
        args,
        "hex",
        Arity::Keywords {
            names,
            required: 0,
            positional: 2,
        },
    )?;
    let digits = |chunk: &[u8]| chunk.iter().map(|x| format!("{x:02x}")).collect::<String>();
    let Some(sep) = p.get(0) else {
        return Ok(Value::str(&digits(&b)));
    };
    let sep = hex_separator(interp, sep)?;
    let per = match p.get(1) {
        Some(v) => index_param(interp, v)?,
        None => 1,
    };
    if per == 0 {
        return Ok(Value::str(&digits(&b)));
    }
    let size = usize::try_from(per.unsigned_abs()).unwrap_or(usize::MAX);
    let groups: Vec<String> = if per < 0 {
        b.chunks(size).map(digits).collect()
    } else {
        let mut groups: Vec<String> = b.rchunks(size).map(digits).collect();
        groups.reverse();
        groups
    };
    Ok(Value::str(&groups.join(&sep.to_string())))
}

fn hex_separator(interp: &Interp, sep: &Value) -> Raise<char> {
    let text: Vec<char> = match sep {
        Value::Str(s) => s.chars().collect(),
        Value::Bytes(b) => b.iter().map(|&x| x as char).collect(),
        other => {
            return Err(interp.type_error(format!(
                "object of type '{}' has no len()",
                interp.type_name(other)
            )))
        }
    };
    match text.as_slice() {
        [c] if c.is_ascii() => Ok(*c),
        [_] => Err(interp.value_error("sep must be ASCII.")),
        _ => Err(interp.value_error("sep must be length 1.")),
    }
}

// ---- searching ----

/// The needle of `find`-like methods: bytes, or an int naming one byte.
fn needle(interp: &Interp, v: &Value) -> Raise<Vec<u8>> {
    match v {
        Value::Bytes(b) => Ok(b.to_vec()),
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => {
            let n = index_param(interp, v)
                .map_err(|_| interp.value_error("byte must be in range(0, 256)"))?;
            u8::try_from(n)
                .map(|x| vec![x])
                .map_err(|_| interp.value_error("byte must be in range(0, 256)"))
        }
        other => Err(interp.type_error(format!(
            "argument should be integer or bytes-like object, not '{}'",
            interp.type_name(other)
        ))),
    }
}

/// `b[start:end]` as `find` resolves it, with its offset; `None` when empty by construction.
fn window(b: &[u8], start: Option<i64>, end: Option<i64>) -> Option<(&[u8], usize)> {
    let (start, end) = adjust_indices(start, end, b.len());
    if start > b.len() || end < start {
        return None;
    }
    b.get(start..end).map(|w| (w, start))
}

/// A search's haystack, needle, and `start`/`end` bounds.
type SearchArgs = (Bytes, Vec<u8>, Option<i64>, Option<i64>);

fn search_args(interp: &Interp, args: Args, name: &'static str) -> Raise<SearchArgs> {
    let (b, p) = bytes_args(interp, args, name, Arity::Tuple(1, 3))?;
    let sub = needle(interp, &p.req(0))?;
    let start = slice_bound(interp, p.get(1), true)?;
    let end = slice_bound(interp, p.get(2), true)?;
    Ok((b, sub, start, end))
}

/// The position of `sub` in `b[start:end]`, searching from the left or the right.
fn search(
    b: &[u8],
    sub: &[u8],
    start: Option<i64>,
    end: Option<i64>,
    from_right: bool,
) -> Option<usize> {
    let (w, offset) = window(b, start, end)?;
    if sub.len() > w.len() {
        return None;
    }
    if sub.is_empty() {
        return Some(offset + if from_right { w.len() } else { 0 });
    }
    let mut windows = w.windows(sub.len());
    let found = if from_right {
        windows.rposition(|x| x == sub)
    } else {
        windows.position(|x| x == sub)
    };
    found.map(|i| offset + i)
}

fn position(found: Option<usize>) -> Value {
    found.map_or(Value::Int(-1), |i| Value::Int(i as i64))
}

fn find(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (b, sub, start, end) = search_args(interp, args, "find")?;
    Ok(position(search(&b, &sub, start, end, false)))
}

fn rfind(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (b, sub, start, end) = search_args(interp, args, "rfind")?;
    Ok(position(search(&b, &sub, start, end, true)))
}

fn index(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (b, sub, start, end) = search_args(interp, args, "index")?;
    search(&b, &sub, start, end, false)
        .map(|i| Value::Int(i as i64))
        .ok_or_else(|| interp.value_error("subsection not found"))
}

fn rindex(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (b, sub, start, end) = search_args(interp, args, "rindex")?;
    search(&b, &sub, start, end, true)
        .map(|i| Value::Int(i as i64))
        .ok_or_else(|| interp.value_error("subsection not found"))
}

/// Non-overlapping occurrences of a non-empty `sub`.
fn occurrences(hay: &[u8], sub: &[u8]) -> usize {
    let (mut n, mut i) = (0, 0);
    while let Some(rest) = hay.get(i..) {
        match rest.windows(sub.len()).position(|x| x == sub) {
            Some(at) => {
                n += 1;
                i += at + sub.len();
            }
            None => break,
        }
    }
    n
}

fn count(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (b, sub, start, end) = search_args(interp, args, "count")?;
    let n = match window(&b, start, end) {
        None => 0,
        Some((w, _)) if sub.is_empty() => w.len() + 1,
        Some((w, _)) => occurrences(w, &sub),
    };
    Ok(Value::Int(n as i64))
}

fn affix_match(interp: &mut Interp, args: Args, name: &'static str, at_end: bool) -> Raise<Value> {
    let (b, p) = bytes_args(interp, args, name, Arity::Tuple(1, 3))?;
    let start = slice_bound(interp, p.get(1), true)?;
    let end = slice_bound(interp, p.get(2), true)?;
    let matches = |affix: &[u8]| match window(&b, start, end) {
        Some((w, _)) if at_end => w.ends_with(affix),
        Some((w, _)) => w.starts_with(affix),
        None => false,
    };
    match p.req(0) {
        Value::Bytes(affix) => Ok(Value::Bool(matches(&affix))),
        Value::Tuple(options) => {
            for option in options.iter() {
                let Value::Bytes(affix) = option else {
                    return Err(interp.type_error(format!(
                        "a bytes-like object is required, not '{}'",
                        interp.type_name(option)
                    )));
                };
                if matches(affix) {
                    return Ok(Value::Bool(true));
                }
            }
            Ok(Value::Bool(false))
        }
        other => Err(interp.type_error(format!(
            "{name} first arg must be bytes or a tuple of bytes, not {}",
            interp.type_name(&other)
        ))),
    }
}

fn startswith(interp: &mut Interp, args: Args) -> Raise<Value> {
    affix_match(interp, args, "startswith", false)
}

fn endswith(interp: &mut Interp, args: Args) -> Raise<Value> {
    affix_match(interp, args, "endswith", true)
}

// ---- splitting and joining ----

/// ASCII whitespace, as `bytes.split()` and `bytes.strip()` use it.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

fn split_args(
    interp: &Interp,
    args: Args,
    name: &'static str,
) -> Raise<(Bytes, Option<Bytes>, i64)> {
    let names: &[&str] = &["sep", "maxsplit"];
    let (b, p) = bytes_args(
        interp,
        args,
        name,
        Arity::Keywords {
            names,
            required: 0,
            positional: 2,
        },
    )?;
    let sep = match p.get(0) {
        None | Some(Value::None) => None,
        Some(v) => Some(bytes_param(interp, v)?),
    };
    if sep.as_ref().is_some_and(|s| s.is_empty()) {
        return Err(interp.value_error("empty separator"));
    }
    let maxsplit = match p.get(1) {
        Some(v) => index_param(interp, v)?,
        None => -1,
    };
    Ok((b, sep, maxsplit))
}

fn parts_list(parts: Vec<&[u8]>) -> Value {
    Value::list(parts.into_iter().map(|p| bytes_value(p.to_vec())).collect())
}

/// Splits `b` (reversed first when splitting from the right, so one loop serves both).
fn split_bytes<'a>(
    b: &'a [u8],
    sep: Option<&[u8]>,
    maxsplit: i64,
    from_right: bool,
) -> Vec<&'a [u8]> {
    let limit = usize::try_from(maxsplit).unwrap_or(usize::MAX);
    let mut parts = Vec::new();
    let mut rest = b;
    match sep {
        None => loop {
            rest = trim(rest, is_space, !from_right, from_right);
            if rest.is_empty() {
                break;
            }
            if parts.len() >= limit {
                parts.push(rest);
                break;
            }
            let at = if from_right {
                rest.iter().rposition(|&c| is_space(c)).map_or(0, |i| i + 1)
            } else {
                rest.iter().position(|&c| is_space(c)).unwrap_or(rest.len())
            };
            let (before, after) = rest.split_at(at);
            parts.push(if from_right { after } else { before });
            rest = if from_right { before } else { after };
        },
        Some(sep) => loop {
            let found = if from_right {
                rest.windows(sep.len()).rposition(|w| w == sep)
            } else {
                rest.windows(sep.len()).position(|w| w == sep)
            };
            match found {
                Some(at) if parts.len() < limit => {
                    let (before, after) = (
                        rest.get(..at).unwrap_or(&[]),
                        rest.get(at + sep.len()..).unwrap_or(&[]),
                    );
                    parts.push(if from_right { after } else { before });
                    rest = if from_right { before } else { after };
                }
                _ => {
                    parts.push(rest);
                    break;
                }
            }
        },
    }
    if from_right {
        parts.reverse();
    }
    parts
}

fn split(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (b, sep, maxsplit) = split_args(interp, args, "split")?;
    Ok(parts_list(split_bytes(&b, sep.as_deref(), maxsplit, false)))
}

fn rsplit(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (b, sep, maxsplit) = split_args(interp, args, "rsplit")?;
    Ok(parts_list(split_bytes(&b, sep.as_deref(), maxsplit, true)))
}

fn join(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (sep, p) = bytes_args(interp, args, "join", Arity::One)?;
    let items = interp.iterate(&p.req(0))?;
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Value::Bytes(piece) = item else {
            return Err(interp.type_error(format!(
                "sequence item {i}: expected a bytes-like object, {} found",
                interp.type_name(item)
            )));
        };
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        out.extend_from_slice(piece);
        interp.check_len(out.len())?;
    }
    Ok(bytes_value(out))
}

// ---- transforming ----

fn upper(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (b, _) = bytes_args(interp, args, "upper", Arity::NoArgs)?;
    Ok(bytes_value(b.to_ascii_uppercase()))
}

fn lower(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (b, _) = bytes_args(interp, args, "lower", Arity::NoArgs)?;
    Ok(bytes_value(b.to_ascii_lowercase()))
}

/// `b` without the bytes matching `pred` at the chosen ends.
fn trim(b: &[u8], pred: impl Fn(u8) -> bool, left: bool, right: bool) -> &[u8] {
    let start = if left {
        b.iter().position(|&c| !pred(c)).unwrap_or(b.len())
    } else {
        0
    };
    let end = if right {
        b.iter().rposition(|&c| !pred(c)).map_or(start, |i| i + 1)
    } else {
        b.len()
    };
    b.get(start..end.max(start)).unwrap_or(&[])
}

fn strip_with(
    interp: &Interp,
    args: Args,
    name: &'static str,
    left: bool,
    right: bool,
) -> Raise<Value> {
    let (b, p) = bytes_args(interp, args, name, Arity::Clinic(0, 1))?;
    let out = match p.given(0) {
        None => trim(&b, is_space, left, right),
        Some(chars) => {
            let chars = bytes_param(interp, chars)?;
            trim(&b, |c| chars.contains(&c), left, right)
        }
    };
    Ok(bytes_value(out.to_vec()))
}

fn strip(interp: &mut Interp, args: Args) -> Raise<Value> {
    strip_with(interp, args, "strip", true, true)
}

fn lstrip(interp: &mut Interp, args: Args) -> Raise<Value> {
    strip_with(interp, args, "lstrip", true, false)
}

fn rstrip(interp: &mut Interp, args: Args) -> Raise<Value> {
    strip_with(interp, args, "rstrip", false, true)
}

/// Replaces up to `count` occurrences (all when negative); an empty `old`
/// inserts `new` before every byte and at the end.
fn replace(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (b, p) = bytes_args(interp, args, "replace", Arity::Clinic(2, 3))?;
    let old = bytes_param(interp, &p.req(0))?;
    let new = bytes_param(interp, &p.req(1))?;
    let count = match p.get(2) {
        Some(v) => index_param(interp, v)?,
        None => -1,
    };
    let mut limit = usize::try_from(count).unwrap_or(usize::MAX);
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i <= b.len() {
        let rest = b.get(i..).unwrap_or(&[]);
        let at = if old.is_empty() {
            Some(0)
        } else {
            rest.windows(old.len()).position(|w| *w == *old)
        };
        let Some(at) = at.filter(|_| limit > 0) else {
            out.extend_from_slice(rest);
            break;
        };
        out.extend_from_slice(rest.get(..at).unwrap_or(&[]));
        out.extend_from_slice(&new);
        interp.check_len(out.len())?;
        limit -= 1;
        if old.is_empty() {
            // Copy one byte past the insertion point so the next match moves on.
            out.extend(rest.first());
            i += 1;
        } else {
            i += at + old.len();
        }
    }
    Ok(bytes_value(out))
}
