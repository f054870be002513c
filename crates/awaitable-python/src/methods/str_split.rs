//! `str` methods that cut or rebuild strings: `split`, `rsplit`, `splitlines`,
//! `partition`, `rpartition`, `join`, `strip`, `replace` and `expandtabs`.

use std::rc::Rc;

use super::args::{add_methods, as_str, bind, index_param, str_param, Arity, Sig};
use super::unicode::is_space;
use crate::interp::{Interp, Raise};
use crate::value::*;

/// Installs the methods into the `str` class.
pub(crate) fn install(class: &Rc<Class>) {
    add_methods(
        class,
        &[
            ("split", split),
            ("rsplit", rsplit),
            ("splitlines", splitlines),
            ("partition", partition),
            ("rpartition", rpartition),
            ("join", join),
            ("strip", strip),
            ("lstrip", lstrip),
            ("rstrip", rstrip),
            ("replace", replace),
            ("expandtabs", expandtabs),
        ],
    );
}

fn str_list(parts: Vec<&str>) -> Value {
    Value::list(parts.into_iter().map(Value::str).collect())
}

// ---- split ----

const SPLIT_PARAMS: &[&str] = &["sep", "maxsplit"];

/// Binds `split`/`rsplit`: the string, the separator (`None` for whitespace), and maxsplit (negative: no limit).
fn split_args(
    interp: &Interp,
    args: Args,
    name: &'static str,
) -> Raise<(Rc<str>, Option<Rc<str>>, i64)> {
    let sig = Sig::new(
        "str",
        name,
        Arity::Keywords {
            names: SPLIT_PARAMS,
            required: 0,
            positional: 2,
        },
    );
    let (s, p) = bind(interp, args, &sig, as_str)?;
    let sep = match p.get(0) {
        None | Some(Value::None) => None,
        Some(Value::Str(sep)) if sep.is_empty() => {
            return Err(interp.value_error("empty separator"))
        }
        Some(Value::Str(sep)) => Some(sep.clone()),
        Some(other) => {
            return Err(interp.type_error(format!(
                "must be str or None, not {}",
                interp.type_name(other)
            )))
        }
    };
    let maxsplit = match p.get(1) {
        Some(v) => index_param(interp, v)?,
        None => -1,
    };
    Ok((s, sep, maxsplit))
}

/// Whether `count` pieces already reach `maxsplit` splits.
fn limit_reached(count: usize, maxsplit: i64) -> bool {
    maxsplit >= 0 && count as u64 >= maxsplit as u64
}

fn split(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (s, sep, maxsplit) = split_args(interp, args, "split")?;
    Ok(str_list(match &sep {
        None => split_whitespace(&s, maxsplit),
        Some(sep) if maxsplit < 0 => s.split(&**sep).collect(),
        Some(sep) => s
            .splitn(
                usize::try_from(maxsplit)
                    .unwrap_or(usize::MAX)
                    .saturating_add(1),
                &**sep,
            )
            .collect(),
    }))
}

fn rsplit(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (s, sep, maxsplit) = split_args(interp, args, "rsplit")?;
    let mut parts: Vec<&str> = match &sep {
        None => rsplit_whitespace(&s, maxsplit),
        Some(sep) if maxsplit < 0 => s.rsplit(&**sep).collect(),
        Some(sep) => s
            .rsplitn(
                usize::try_from(maxsplit)
                    .unwrap_or(usize::MAX)
                    .saturating_add(1),
                &**sep,
            )
            .collect(),
    };
    parts.reverse();
    Ok(str_list(parts))
}

/// Splits on runs of whitespace, ignoring it at both ends; once `maxsplit`
/// splits are made, the rest (without its leading whitespace) is the last piece.
fn split_whitespace(s: &str, maxsplit: i64) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = s.trim_start_matches(is_space);
    while !rest.is_empty() {
        if limit_reached(parts.len(), maxsplit) {
            parts.push(rest);
            break;
        }
        let end = rest.find(is_space).unwrap_or(rest.len());
        let (word, after) = rest.split_at(end);
        parts.push(word);
        rest = after.trim_start_matches(is_space);
    }
    parts
}

/// `split_whitespace` from the right; the pieces come out last first.
fn rsplit_whitespace(s: &str, maxsplit: i64) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = s.trim_end_matches(is_space);
    while !rest.is_empty() {
        if limit_reached(parts.len(), maxsplit) {
            parts.push(rest);
            break;
        }
        let Some((before, word)) = rest.rsplit_once(is_space) else {
            parts.push(rest);
            break;
        };
        parts.push(word);
        rest = before.trim_end_matches(is_space);
    }
    parts
}

/// Whether `c` ends a line for `splitlines`.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\x0b'
            | '\x0c'
            | '\x1c'
            | '\x1d'
            | '\x1e'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

fn splitlines(interp: &mut Interp, args: Args) -> Raise<Value> {
    let sig = Sig::new(
        "str",
        "splitlines",
        Arity::Keywords {
            names: &["keepends"],
            required: 0,
            positional: 1,
        },
    );
    let (s, p) = bind(interp, args, &sig, as_str)?;
    let keepends = match p.get(0) {
        Some(v) => interp.truthy(v)?,
        None => false,
    };
    let mut lines = Vec::new();
    let mut rest: &str = &s;
    while !rest.is_empty() {
        let Some((line, after)) = rest.split_once(is_line_break) else {
            lines.push(rest);
            break;
        };
        // "\r\n" is one line break.
        let after = match rest.as_bytes().get(line.len()) {
            Some(b'\r') => after.strip_prefix('\n').unwrap_or(after),
            _ => after,
        };
        let with_break = rest.get(..rest.len() - after.len()).unwrap_or(rest);
        lines.push(if keepends { with_break } else { line });
        rest = after;
    }
    Ok(str_list(lines))
}

// ---- partition ----

fn partition_args(interp: &Interp, args: Args, name: &'static str) -> Raise<(Rc<str>, Rc<str>)> {
    let (s, p) = bind(interp, args, &Sig::new("str", name, Arity::One), as_str)?;
    let sep = str_param(interp, &p.req(0), "")?;
    if sep.is_empty() {
        return Err(interp.value_error("empty separator"));
    }
    Ok((s, sep))
}

fn partition(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (s, sep) = partition_args(interp, args, "partition")?;
    Ok(match s.split_once(&*sep) {
        Some((a, b)) => str_tuple(a, &sep, b),
        None => str_tuple(&s, "", ""),
    })
}

fn rpartition(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (s, sep) = partition_args(interp, args, "rpartition")?;
    Ok(match s.rsplit_once(&*sep) {
        Some((a, b)) => str_tuple(a, &sep, b),
        None => str_tuple("", "", &s),
    })
}

fn str_tuple(a: &str, b: &str, c: &str) -> Value {
    Value::tuple(vec![Value::str(a), Value::str(b), Value::str(c)])
}

// ---- join ----

fn join(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (sep, p) = bind(interp, args, &Sig::new("str", "join", Arity::One), as_str)?;
    let iterable = p.req(0);
    if !interp.is_iterable(&iterable) {
        return Err(interp.type_error("can only join an iterable"));
    }
    let items = interp.iterate(&iterable)?;
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        let Value::Str(piece) = item else {
            return Err(interp.type_error(format!(
                "sequence item {i}: expected str instance, {} found",
                interp.type_name(item)
            )));
        };
        if i > 0 {
            out.push_str(&sep);
        }
        out.push_str(piece);
        interp.check_len(out.len())?;
    }
    Ok(Value::str(&out))
}

// ---- strip ----

/// Which ends `strip` works on.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ends {
    Both,
    Left,
    Right,
}

fn strip_with(interp: &Interp, args: Args, name: &'static str, ends: Ends) -> Raise<Value> {
    let (s, p) = bind(
        interp,
        args,
        &Sig::new("str", name, Arity::Clinic(0, 1)),
        as_str,
    )?;
    let chars: Option<Vec<char>> = match p.get(0) {
        None | Some(Value::None) => None,
        Some(Value::Str(chars)) => Some(chars.chars().collect()),
        Some(_) => return Err(interp.type_error(format!("{name} arg must be None or str"))),
    };
    let strip_char = |c: char| match &chars {
        None => is_space(c),
        Some(set) => set.contains(&c),
    };
    let mut out: &str = &s;
    if ends != Ends::Right {
        out = out.trim_start_matches(strip_char);
    }
    if ends != Ends::Left {
        out = out.trim_end_matches(strip_char);
    }
    Ok(Value::str(out))
}

fn strip(interp: &mut Interp, args: Args) -> Raise<Value> {
    strip_with(interp, args, "strip", Ends::Both)
}

fn lstrip(interp: &mut Interp, args: Args) -> Raise<Value> {
    strip_with(interp, args, "lstrip", Ends::Left)
}

fn rstrip(interp: &mut Interp, args: Args) -> Raise<Value> {
    strip_with(interp, args, "rstrip", Ends::Right)
}

// ---- replace ----

fn replace(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (s, p) = bind(
        interp,
        args,
        &Sig::new("str", "replace", Arity::Clinic(2, 3)),
        as_str,
    )?;
    let old = str_param(interp, &p.req(0), "replace() argument 1 ")?;
    let new = str_param(interp, &p.req(1), "replace() argument 2 ")?;
    let count = match p.get(2) {
        Some(v) => index_param(interp, v)?,
        None => -1,
    };
    let limit = usize::try_from(count).unwrap_or(usize::MAX);
    let result = if old.is_empty() {
        replace_empty(interp, &s, &new, limit)?
    } else {
        replace_all(interp, &s, &old, &new, limit)?
    };
    Ok(Value::str(&result))
}

/// Replaces up to `limit` occurrences of a non-empty `old`, checking the size first.
fn replace_all(interp: &Interp, s: &str, old: &str, new: &str, limit: usize) -> Raise<String> {
    let n = s.matches(old).take(limit).count();
    let grown = n.saturating_mul(new.len()).saturating_add(s.len());
    interp.check_len(grown.saturating_sub(n * old.len()))?;
    Ok(s.replacen(old, new, n))
}

/// Replacing `""` inserts `new` before every character and at the end, up to `limit` times.
fn replace_empty(interp: &Interp, s: &str, new: &str, limit: usize) -> Raise<String> {
    let slots = super::str::char_len(s).saturating_add(1).min(limit);
    interp.check_len(slots.saturating_mul(new.len()).saturating_add(s.len()))?;
    let mut out = String::with_capacity(s.len() + slots * new.len());
    let mut inserted = 0;
    for c in s.chars() {
        if inserted < slots {
            out.push_str(new);
            inserted += 1;
        }
        out.push(c);
    }
    if inserted < slots {
        out.push_str(new);
    }
    Ok(out)
}

// ---- expandtabs ----

fn expandtabs(interp: &mut Interp, args: Args) -> Raise<Value> {
    let sig = Sig::new(
        "str",
        "expandtabs",
        Arity::Keywords {
            names: &["tabsize"],
            required: 0,
            positional: 1,
        },
    );
    let (s, p) = bind(interp, args, &sig, as_str)?;
    let tabsize = match p.get(0) {
        Some(v) => index_param(interp, v)?,
        None => 8,
    };
    let tabsize = usize::try_from(tabsize).unwrap_or(0);
    let mut out = String::with_capacity(s.len());
    let mut column = 0usize;
    for c in s.chars() {
        match c {
            '\t' => {
                if tabsize > 0 {
                    let spaces = tabsize - column % tabsize;
                    interp.check_len(out.len().saturating_add(spaces))?;
                    out.extend(std::iter::repeat_n(' ', spaces));
                    column += spaces;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                column = 0;
            }
            _ => {
                out.push(c);
                column += 1;
            }
        }
    }
    Ok(Value::str(&out))
}
