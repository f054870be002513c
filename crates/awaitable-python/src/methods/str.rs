//! `str` methods: case mapping, character classes, padding, prefixes and
//! translation. Splitting, searching and formatting live in sibling modules.

use std::rc::Rc;

use super::args::{
    add_methods, add_staticmethod, as_str, bind, index_param, str_param, Arity, Sig,
};
use super::unicode;
use crate::dict::Dict;
use crate::interp::{Interp, Raise};
use crate::ops::as_i64;
use crate::value::*;

/// Installs the `str` methods.
pub(crate) fn install(interp: &mut Interp) {
    let class = interp.types.get(BuiltinType::Str);
    add_methods(
        &class,
        &[
            ("upper", upper),
            ("lower", lower),
            ("title", title),
            ("capitalize", capitalize),
            ("swapcase", swapcase),
            ("casefold", casefold),
            ("isdigit", isdigit),
            ("isdecimal", isdecimal),
            ("isnumeric", isnumeric),
            ("isalpha", isalpha),
            ("isalnum", isalnum),
            ("isspace", isspace),
            ("isupper", isupper),
            ("islower", islower),
            ("istitle", istitle),
            ("isidentifier", isidentifier),
            ("isprintable", isprintable),
            ("isascii", isascii),
            ("zfill", zfill),
            ("center", center),
            ("ljust", ljust),
            ("rjust", rjust),
            ("removeprefix", removeprefix),
            ("removesuffix", removesuffix),
            ("translate", translate),
            ("encode", encode),
        ],
    );
    add_staticmethod(interp, &class, "maketrans", maketrans);
    super::str_split::install(&class);
    super::str_find::install(&class);
    super::str_format::install(&class);
}

/// A `str` method taking no arguments.
fn no_args(interp: &Interp, args: Args, name: &'static str) -> Raise<Rc<str>> {
    bind(interp, args, &Sig::new("str", name, Arity::NoArgs), as_str).map(|(s, _)| s)
}

fn string(s: String) -> Raise<Value> {
    Ok(Value::str(&s))
}

// ---- case mapping ----

fn upper(interp: &mut Interp, args: Args) -> Raise<Value> {
    let s = no_args(interp, args, "upper")?;
    string(s.to_uppercase())
}

fn lower(interp: &mut Interp, args: Args) -> Raise<Value> {
    let s = no_args(interp, args, "lower")?;
    string(s.to_lowercase())
}

/// Titlecases the first cased letter of each word and lowercases the rest;
/// a word starts after any uncased character (`"they're".title()` is `They'Re`).
fn title(interp: &mut Interp, args: Args) -> Raise<Value> {
    let s = no_args(interp, args, "title")?;
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut previous_cased = false;
    for (i, &c) in chars.iter().enumerate() {
        if previous_cased {
            unicode::push_lower_at(&mut out, &chars, i);
        } else {
            unicode::push_title(&mut out, c);
        }
        previous_cased = unicode::is_cased(c);
    }
    string(out)
}

/// Titlecases the first character and lowercases the rest.
fn capitalize(interp: &mut Interp, args: Args) -> Raise<Value> {
    let s = no_args(interp, args, "capitalize")?;
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if i == 0 {
            unicode::push_title(&mut out, c);
        } else {
            unicode::push_lower_at(&mut out, &chars, i);
        }
    }
    string(out)
}

fn swapcase(interp: &mut Interp, args: Args) -> Raise<Value> {
    let s = no_args(interp, args, "swapcase")?;
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            unicode::push_lower_at(&mut out, &chars, i);
        } else if c.is_lowercase() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    string(out)
}

fn casefold(interp: &mut Interp, args: Args) -> Raise<Value> {
    let s = no_args(interp, args, "casefold")?;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        unicode::push_casefold(&mut out, c);
    }
    string(out)
}

// ---- character classes ----

/// Whether `s` is non-empty and every character satisfies `pred`.
fn all_chars(s: &str, pred: fn(char) -> bool) -> Value {
    Value::Bool(!s.is_empty() && s.chars().all(pred))
}

fn isdigit(interp: &mut Interp, args: Args) -> Raise<Value> {
    no_args(interp, args, "isdigit").map(|s| all_chars(&s, unicode::is_digit))
}

fn isdecimal(interp: &mut Interp, args: Args) -> Raise<Value> {
    no_args(interp, args, "isdecimal").map(|s| all_chars(&s, unicode::is_decimal))
}

fn isnumeric(interp: &mut Interp, args: Args) -> Raise<Value> {
    no_args(interp, args, "isnumeric").map(|s| all_chars(&s, unicode::is_numeric))
}

fn isalpha(interp: &mut Interp, args: Args) -> Raise<Value> {
    no_args(interp, args, "isalpha").map(|s| all_chars(&s, unicode::is_alpha))
}

fn isalnum(interp: &mut Interp, args: Args) -> Raise<Value> {
    no_args(interp, args, "isalnum").map(|s| all_chars(&s, unicode::is_alnum))
}

fn isspace(interp: &mut Interp, args: Args) -> Raise<Value> {
    no_args(interp, args, "isspace").map(|s| all_chars(&s, unicode::is_space))
}

fn isascii(interp: &mut Interp, args: Args) -> Raise<Value> {
    no_args(interp, args, "isascii").map(|s| Value::Bool(s.is_ascii()))
}

/// `isprintable` is true for the empty string, unlike the other predicates.
fn isprintable(interp: &mut Interp, args: Args) -> Raise<Value> {
    no_args(interp, args, "isprintable").map(|s| Value::Bool(s.chars().all(unicode::is_printable)))
}

/// At least one cased character, and no cased character of the other case (or titlecase).
fn isupper(interp: &mut Interp, args: Args) -> Raise<Value> {
    let s = no_args(interp, args, "isupper")?;
    let bad = |c: char| c.is_lowercase() || unicode::is_titlecase(c);
    Ok(Value::Bool(
        s.chars().any(char::is_uppercase) && !s.chars().any(bad),
    ))
}

fn islower(interp: &mut Interp, args: Args) -> Raise<Value> {
    let s = no_args(interp, args, "islower")?;
    let bad = |c: char| c.is_uppercase() || unicode::is_titlecase(c);
    Ok(Value::Bool(
        s.chars().any(char::is_lowercase) && !s.chars().any(bad),
    ))
}

/// Uppercase and titlecase letters only after uncased characters, lowercase
/// only after cased ones, and at least one cased character.
fn istitle(interp: &mut Interp, args: Args) -> Raise<Value> {
    let s = no_args(interp, args, "istitle")?;
    let (mut previous_cased, mut any_cased) = (false, false);
    for c in s.chars() {
        if c.is_uppercase() || unicode::is_titlecase(c) {
            if previous_cased {
                return Ok(Value::Bool(false));
            }
            previous_cased = true;
            any_cased = true;
        } else if c.is_lowercase() {
            if !previous_cased {
                return Ok(Value::Bool(false));
            }
            previous_cased = true;
            any_cased = true;
        } else {
            previous_cased = false;
        }
    }
    Ok(Value::Bool(any_cased))
}

fn isidentifier(interp: &mut Interp, args: Args) -> Raise<Value> {
    let s = no_args(interp, args, "isidentifier")?;
    let mut chars = s.chars();
    let ok = chars.next().is_some_and(unicode::is_xid_start) && chars.all(unicode::is_xid_continue);
    Ok(Value::Bool(ok))
}

// ---- padding ----

/// The number of characters in `s`.
pub(crate) fn char_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// Pads `s` to `width` characters with `left` fill characters on the left.
fn pad(interp: &Interp, s: &str, width: usize, left: usize, fill: char) -> Raise<Value> {
    let len = char_len(s);
    let right = width.saturating_sub(len + left);
    interp.check_len(width)?;
    let mut out = String::with_capacity(s.len() + (left + right) * fill.len_utf8());
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(s);
    out.extend(std::iter::repeat_n(fill, right));
    string(out)
}

/// Binds `center`/`ljust`/`rjust`: the string, the width, and the fill character.
fn justify_args(interp: &Interp, args: Args, name: &'static str) -> Raise<(Rc<str>, i64, char)> {
    let (s, p) = bind(
        interp,
        args,
        &Sig::new("str", name, Arity::Clinic(1, 2)),
        as_str,
    )?;
    let width = index_param(interp, &p.req(0))?;
    let fill = match p.get(1) {
        None => ' ',
        Some(Value::Str(f)) => {
            let mut chars = f.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => c,
                _ => {
                    return Err(
                        interp.type_error("The fill character must be exactly one character long")
                    )
                }
            }
        }
        Some(other) => {
            return Err(interp.type_error(format!(
                "The fill character must be a unicode character, not {}",
                interp.type_name(other)
            )))
        }
    };
    Ok((s, width, fill))
}

fn center(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (s, width, fill) = justify_args(interp, args, "center")?;
    let len = char_len(&s);
    let Ok(width) = usize::try_from(width) else {
        return Ok(Value::Str(s));
    };
    if width <= len {
        return Ok(Value::Str(s));
    }
    // CPython's rule: the odd padding character goes left only when both the
    // padding and the width are odd.
    let margin = width - len;
    let left = margin / 2 + (margin & width & 1);
    pad(interp, &s, width, left, fill)
}

fn ljust(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (s, width, fill) = justify_args(interp, args, "ljust")?;
    match usize::try_from(width) {
        Ok(width) if width > char_len(&s) => pad(interp, &s, width, 0, fill),
        _ => Ok(Value::Str(s)),
    }
}

fn rjust(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (s, width, fill) = justify_args(interp, args, "rjust")?;
    let len = char_len(&s);
    match usize::try_from(width) {
        Ok(width) if width > len => pad(interp, &s, width, width - len, fill),
        _ => Ok(Value::Str(s)),
    }
}

/// Pads with zeros on the left, after a leading sign.
fn zfill(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (s, p) = bind(interp, args, &Sig::new("str", "zfill", Arity::One), as_str)?;
    let width = index_param(interp, &p.req(0))?;
    let len = char_len(&s);
    let width = match usize::try_from(width) {
        Ok(w) if w > len => w,
        _ => return Ok(Value::Str(s)),
    };
    interp.check_len(width)?;
    let (sign, digits) = match s.chars().next() {
        Some(c @ ('+' | '-')) => (Some(c), s.get(1..).unwrap_or("")),
        _ => (None, &*s),
    };
    let mut out = String::with_capacity(width + s.len());
    out.extend(sign);
    out.extend(std::iter::repeat_n('0', width - len));
    out.push_str(digits);
    string(out)
}

// ---- prefixes ----

fn affix_arg(interp: &Interp, args: Args, name: &'static str) -> Raise<(Rc<str>, Rc<str>)> {
    let (s, p) = bind(interp, args, &Sig::new("str", name, Arity::One), as_str)?;
    let affix = str_param(interp, &p.req(0), &format!("{name}() argument "))?;
    Ok((s, affix))
}

fn removeprefix(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (s, prefix) = affix_arg(interp, args, "removeprefix")?;
    Ok(match s.strip_prefix(&*prefix) {
        Some(rest) if !prefix.is_empty() => Value::str(rest),
        _ => Value::Str(s),
    })
}

fn removesuffix(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (s, suffix) = affix_arg(interp, args, "removesuffix")?;
    Ok(match s.strip_suffix(&*suffix) {
        Some(rest) if !suffix.is_empty() => Value::str(rest),
        _ => Value::Str(s),
    })
}

// ---- translation ----

/// `str.maketrans(x[, y[, z]])`: a dict from code points to code points, strings or None.
fn maketrans(interp: &mut Interp, args: Args) -> Raise<Value> {
    let sig = Sig::new("str", "maketrans", Arity::Clinic(1, 3));
    // A static method: no receiver, so bind with a placeholder one.
    let mut pos = vec![Value::None];
    pos.extend(args.pos);
    let (_, p) = bind(interp, Args { pos, kw: args.kw }, &sig, |_| Some(()))?;
    let mut table = Dict::new();
    match (p.req(0), p.get(1)) {
        (Value::Dict(d), None) => {
            let pairs: Vec<(Value, Value)> = d
                .borrow()
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            for (k, v) in pairs {
                let key = match &k {
                    Value::Str(s) if char_len(s) == 1 => {
                        Value::Int(s.chars().next().map_or(0, |c| c as i64))
                    }
                    Value::Str(_) => {
                        return Err(interp
                            .value_error("string keys in translate table must be of length 1"))
                    }
                    other if as_i64(other).is_some() => other.clone(),
                    _ => {
                        return Err(interp
                            .type_error("keys in translate table must be strings or integers"))
                    }
                };
                insert(interp, &mut table, key, v)?;
            }
        }
        (_, None) => {
            return Err(
                interp.type_error("if you give only one argument to maketrans it must be a dict")
            )
        }
        (x, Some(y)) => {
            let Value::Str(x) = x else {
                return Err(interp.type_error(
                    "first maketrans argument must be a string if there is a second argument",
                ));
            };
            let y = str_param(interp, y, "maketrans() argument 2 ")?;
            if char_len(&x) != char_len(&y) {
                return Err(
                    interp.value_error("the first two maketrans arguments must have equal length")
                );
            }
            for (a, b) in x.chars().zip(y.chars()) {
                insert(
                    interp,
                    &mut table,
                    Value::Int(a as i64),
                    Value::Int(b as i64),
                )?;
            }
            if let Some(z) = p.get(2) {
                let z = str_param(interp, z, "maketrans() argument 3 ")?;
                for c in z.chars() {
                    insert(interp, &mut table, Value::Int(c as i64), Value::None)?;
                }
            }
        }
    }
    Ok(Value::Dict(Rc::new(std::cell::RefCell::new(table))))
}

fn insert(interp: &Interp, table: &mut Dict, key: Value, value: Value) -> Raise<()> {
    table.insert(key, value).map_err(|u| interp.unhashable(u))
}

/// Maps each character through `table[ord(c)]`: a lookup error keeps the
/// character, `None` deletes it, an int or a str replaces it.
fn translate(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (s, p) = bind(
        interp,
        args,
        &Sig::new("str", "translate", Arity::One),
        as_str,
    )?;
    let table = p.req(0);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let mapped = match interp.getitem(&table, &Value::Int(c as i64)) {
            Ok(v) => v,
            Err(e) if interp.exc_is(&e, "LookupError") => {
                out.push(c);
                continue;
            }
            Err(e) => return Err(e),
        };
        match &mapped {
            Value::None => {}
            Value::Str(r) => out.push_str(r),
            v => match as_i64(v) {
                Some(n) => out.push(u32::try_from(n).ok().and_then(char::from_u32).ok_or_else(
                    || interp.value_error("character mapping must be in range(0x110000)"),
                )?),
                None => {
                    return Err(
                        interp.type_error("character mapping must return integer, None or str")
                    )
                }
            },
        }
        interp.check_len(out.len())?;
    }
    string(out)
}

// ---- encoding ----

fn encode(interp: &mut Interp, args: Args) -> Raise<Value> {
    let names: &[&str] = &["encoding", "errors"];
    let sig = Sig::new(
        "str",
        "encode",
        Arity::Keywords {
            names,
            required: 0,
            positional: 2,
        },
    );
    let (s, p) = bind(interp, args, &sig, as_str)?;
    let encoding = match p.get(0) {
        Some(v) => str_param(interp, v, "encode() argument 'encoding' ")?,
        None => Rc::from("utf-8"),
    };
    let errors = match p.get(1) {
        Some(v) => str_param(interp, v, "encode() argument 'errors' ")?,
        None => Rc::from("strict"),
    };
    let bytes = super::codecs::encode(interp, &s, &encoding, &errors)?;
    Ok(Value::Bytes(Rc::from(bytes)))
}
