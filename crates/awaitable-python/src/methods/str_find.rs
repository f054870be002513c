//! `str` methods that search: `find`, `rfind`, `index`, `rindex`, `count`,
//! `startswith` and `endswith`, with their optional `start` and `end`.
//!
//! Python indexes strings by code point while Rust slices them by byte, so the
//! `start`/`end` window is converted to byte offsets and results back to code
//! point indices.

use std::rc::Rc;

use super::args::{
    add_methods, adjust_indices, as_str, bind, slice_bound, str_param, Arity, Params, Sig,
};
use super::str::char_len;
use crate::interp::{Interp, Raise};
use crate::value::*;

/// Installs the methods into the `str` class.
pub(crate) fn install(class: &Rc<Class>) {
    add_methods(
        class,
        &[
            ("find", find),
            ("rfind", rfind),
            ("index", index),
            ("rindex", rindex),
            ("count", count),
            ("startswith", startswith),
            ("endswith", endswith),
        ],
    );
}

/// The part of a string between two code point indices.
struct Window<'a> {
    text: &'a str,
    /// The code point index where `text` starts in the whole string.
    start: usize,
    /// The number of code points in `text`.
    len: usize,
}

/// The window `s[start:end]` as `find` resolves it, or `None` when `start`
/// lies past the end of the string or after `end` (where even `""` is not found).
fn window<'a>(s: &'a str, start: Option<i64>, end: Option<i64>) -> Option<Window<'a>> {
    let len = char_len(s);
    let (start, end) = adjust_indices(start, end, len);
    if start > len || end < start {
        return None;
    }
    let (from, to) = if s.is_ascii() {
        (start, end)
    } else {
        (byte_offset(s, start), byte_offset(s, end))
    };
    Some(Window {
        text: s.get(from..to).unwrap_or(""),
        start,
        len: end - start,
    })
}

/// The byte offset of the code point at `index` (the length at the end).
fn byte_offset(s: &str, index: usize) -> usize {
    s.char_indices().nth(index).map_or(s.len(), |(b, _)| b)
}

/// The code point index of a byte offset into the window.
fn char_index(w: &Window, byte: usize) -> usize {
    w.start
        + if w.text.is_ascii() {
            byte
        } else {
            char_len(w.text.get(..byte).unwrap_or(""))
        }
}

/// A search's string, substring, and `start`/`end` bounds.
type SearchArgs = (Rc<str>, Rc<str>, Option<i64>, Option<i64>);

/// Binds `find`-like arguments: the string, the substring, the window.
fn search_args(interp: &Interp, args: Args, name: &'static str) -> Raise<SearchArgs> {
    let (s, p) = bind(
        interp,
        args,
        &Sig::new("str", name, Arity::Tuple(1, 3)),
        as_str,
    )?;
    let sub = str_param(interp, &p.req(0), "")?;
    let (start, end) = bounds(interp, &p)?;
    Ok((s, sub, start, end))
}

fn bounds(interp: &Interp, p: &Params) -> Raise<(Option<i64>, Option<i64>)> {
    Ok((
        slice_bound(interp, p.get(1), true)?,
        slice_bound(interp, p.get(2), true)?,
    ))
}

/// The code point index of the first (or last) occurrence of `sub` in the window.
fn search(
    s: &str,
    sub: &str,
    start: Option<i64>,
    end: Option<i64>,
    from_right: bool,
) -> Option<usize> {
    let w = window(s, start, end)?;
    if char_len(sub) > w.len {
        return None;
    }
    let found = if from_right {
        w.text.rfind(sub)
    } else {
        w.text.find(sub)
    };
    found.map(|b| char_index(&w, b))
}

fn position(found: Option<usize>) -> Value {
    found.map_or(Value::Int(-1), |i| Value::Int(i as i64))
}

fn find(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (s, sub, start, end) = search_args(interp, args, "find")?;
    Ok(position(search(&s, &sub, start, end, false)))
}

fn rfind(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (s, sub, start, end) = search_args(interp, args, "rfind")?;
    Ok(position(search(&s, &sub, start, end, true)))
}

fn index(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (s, sub, start, end) = search_args(interp, args, "index")?;
    search(&s, &sub, start, end, false)
        .map(|i| Value::Int(i as i64))
        .ok_or_else(|| interp.value_error("substring not found"))
}

fn rindex(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (s, sub, start, end) = search_args(interp, args, "rindex")?;
    search(&s, &sub, start, end, true)
        .map(|i| Value::Int(i as i64))
        .ok_or_else(|| interp.value_error("substring not found"))
}

/// Non-overlapping occurrences; `""` occurs between every two characters and at both ends.
fn count(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (s, sub, start, end) = search_args(interp, args, "count")?;
    let n = match window(&s, start, end) {
        None => 0,
        Some(w) if sub.is_empty() => w.len + 1,
        Some(w) => w.text.matches(&*sub).count(),
    };
    Ok(Value::Int(n as i64))
}

/// `startswith`/`endswith`: the argument is a str or a tuple of str, tried in order.
fn affix_match(interp: &mut Interp, args: Args, name: &'static str, at_end: bool) -> Raise<Value> {
    let (s, p) = bind(
        interp,
        args,
        &Sig::new("str", name, Arity::Tuple(1, 3)),
        as_str,
    )?;
    let (start, end) = bounds(interp, &p)?;
    let matches = |affix: &str| match window(&s, start, end) {
        Some(w) if char_len(affix) <= w.len => {
            if at_end {
                w.text.ends_with(affix)
            } else {
                w.text.starts_with(affix)
            }
        }
        _ => false,
    };
    match p.req(0) {
        Value::Str(affix) => Ok(Value::Bool(matches(&affix))),
        Value::Tuple(options) => {
            for option in options.iter() {
                let Value::Str(affix) = option else {
                    return Err(interp.type_error(format!(
                        "tuple for {name} must only contain str, not {}",
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
            "{name} first arg must be str or a tuple of str, not {}",
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
