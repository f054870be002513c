//! `str.format` and `str.format_map`: the replacement field grammar
//! `{field_name!conversion:format_spec}`, parsed as CPython's
//! `Objects/stringlib/unicode_format.h` does, so the same strings succeed and
//! the same mistakes raise the same errors in the same order.

use std::rc::Rc;

use super::args::{add_methods, as_str, bind, receiver, Arity, Sig};
use super::unicode::decimal_value;
use crate::interp::{Interp, Raise};
use crate::value::*;

/// Installs the methods into the `str` class.
pub(crate) fn install(class: &Rc<Class>) {
    add_methods(class, &[("format", format), ("format_map", format_map)]);
}

/// How deep format specs may nest fields: `"{:{}}"` works, `"{:{:{}}}"` does not.
const MAX_DEPTH: u32 = 2;

fn format(interp: &mut Interp, mut args: Args) -> Raise<Value> {
    let fmt = receiver(
        interp,
        &mut args,
        &Sig::new("str", "format", Arity::Star),
        as_str,
    )?;
    let kwargs = if args.kw.is_empty() {
        None
    } else {
        Some(interp.kwargs_dict(std::mem::take(&mut args.kw)))
    };
    let mut formatter = Formatter {
        interp,
        args: Some(&args.pos),
        kwargs,
        numbering: Numbering::Unset,
        next_auto: 0,
    };
    formatter.build(&fmt, MAX_DEPTH).map(|s| Value::str(&s))
}

fn format_map(interp: &mut Interp, args: Args) -> Raise<Value> {
    let (fmt, p) = bind(
        interp,
        args,
        &Sig::new("str", "format_map", Arity::One),
        as_str,
    )?;
    let mut formatter = Formatter {
        interp,
        args: None,
        kwargs: Some(p.req(0)),
        numbering: Numbering::Unset,
        next_auto: 0,
    };
    formatter.build(&fmt, MAX_DEPTH).map(|s| Value::str(&s))
}

/// Whether fields are numbered automatically (`{}`) or by hand (`{0}`); the two cannot mix.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Numbering {
    Unset,
    Auto,
    Manual,
}

/// One replacement field, as written.
struct Field {
    name: Vec<char>,
    conversion: Option<char>,
    spec: Vec<char>,
    /// Whether the spec contains nested fields to expand first.
    nested: bool,
}

struct Formatter<'a> {
    interp: &'a mut Interp,
    /// The positional arguments; `None` for `format_map`.
    args: Option<&'a [Value]>,
    /// The mapping that named fields are looked up in.
    kwargs: Option<Value>,
    numbering: Numbering,
    next_auto: usize,
}

fn value_error(interp: &Interp, message: &str) -> Exc {
    interp.value_error(message)
}

impl Formatter<'_> {
    /// Expands every field of `fmt`; specs are expanded with `depth - 1`.
    fn build(&mut self, fmt: &str, depth: u32) -> Raise<String> {
        if depth == 0 {
            return Err(value_error(self.interp, "Max string recursion exceeded"));
        }
        let chars: Vec<char> = fmt.chars().collect();
        let mut out = String::with_capacity(fmt.len());
        let mut i = 0;
        while i < chars.len() {
            let (literal, field, next) = self.next_piece(&chars, i)?;
            out.extend(literal);
            i = next;
            if let Some(field) = field {
                let text = self.render(&field, depth)?;
                out.push_str(&text);
                self.interp.check_len(out.len())?;
            }
        }
        Ok(out)
    }

    /// Reads literal text up to the next field (`{{` and `}}` are literal
    /// braces), then that field: CPython's `MarkupIterator_next`.
    fn next_piece<'c>(
        &self,
        chars: &'c [char],
        mut i: usize,
    ) -> Raise<(&'c [char], Option<Field>, usize)> {
        let start = i;
        let mut brace = None;
        while let Some(&c) = chars.get(i) {
            i += 1;
            if c == '{' || c == '}' {
                brace = Some(c);
                break;
            }
        }
        let following = chars.get(i).copied();
        match brace {
            None => Ok((chars.get(start..i).unwrap_or(&[]), None, i)),
            Some('}') if following != Some('}') => Err(value_error(
                self.interp,
                "Single '}' encountered in format string",
            )),
            Some(_) if following.is_none() => Err(value_error(
                self.interp,
                "Single '{' encountered in format string",
            )),
            Some(b) if following == Some(b) => {
                Ok((chars.get(start..i).unwrap_or(&[]), None, i + 1))
            }
            Some(_) => {
                let literal = chars.get(start..i - 1).unwrap_or(&[]);
                let (field, next) = self.parse_field(chars, i)?;
                Ok((literal, Some(field), next))
            }
        }
    }

    /// Parses `name[!c][:spec]}` starting after the `{`: CPython's `parse_field`.
    fn parse_field(&self, chars: &[char], mut i: usize) -> Raise<(Field, usize)> {
        let name_start = i;
        let mut last = '\0';
        while let Some(&c) = chars.get(i) {
            i += 1;
            last = c;
            match c {
                '{' => return Err(value_error(self.interp, "unexpected '{' in field name")),
                // An index may contain any character but `]`.
                '[' => {
                    while chars.get(i).is_some_and(|&c| c != ']') {
                        i += 1;
                    }
                }
                '}' | ':' | '!' => break,
                _ => {}
            }
        }
        let name = chars
            .get(name_start..i.saturating_sub(1))
            .unwrap_or(&[])
            .to_vec();
        let mut field = Field {
            name,
            conversion: None,
            spec: Vec::new(),
            nested: false,
        };
        match last {
            '}' => return Ok((field, i)),
            '!' | ':' => {}
            _ => {
                return Err(value_error(
                    self.interp,
                    "expected '}' before end of string",
                ))
            }
        }
        if last == '!' {
            let Some(&conversion) = chars.get(i) else {
                return Err(value_error(
                    self.interp,
                    "end of string while looking for conversion specifier",
                ));
            };
            field.conversion = Some(conversion);
            i += 1;
            if let Some(&c) = chars.get(i) {
                i += 1;
                if c == '}' {
                    return Ok((field, i));
                }
                if c != ':' {
                    return Err(value_error(
                        self.interp,
                        "expected ':' after conversion specifier",
                    ));
                }
            }
        }
        let spec_start = i;
        let mut depth = 1;
        while let Some(&c) = chars.get(i) {
            i += 1;
            if c == '{' {
                field.nested = true;
                depth += 1;
            } else if c == '}' {
                depth -= 1;
                if depth == 0 {
                    field.spec = chars.get(spec_start..i - 1).unwrap_or(&[]).to_vec();
                    return Ok((field, i));
                }
            }
        }
        Err(value_error(self.interp, "unmatched '{' in format spec"))
    }

    /// Looks the field's object up, converts it, and formats it with its spec.
    fn render(&mut self, field: &Field, depth: u32) -> Raise<String> {
        let mut value = self.field_object(&field.name)?;
        if let Some(conversion) = field.conversion {
            value = Value::str(&self.convert(&value, conversion)?);
        }
        let spec: String = field.spec.iter().collect();
        let spec = if field.nested {
            self.build(&spec, depth - 1)?
        } else {
            spec
        };
        self.interp.format_value(&value, &spec)
    }

    fn convert(&mut self, value: &Value, conversion: char) -> Raise<String> {
        match conversion {
            'r' => self.interp.repr(value),
            's' => self.interp.to_str(value),
            'a' => self.interp.repr(value).map(|r| ascii_escape(&r)),
            c if (c as u32) > 32 && (c as u32) < 127 => Err(value_error(
                self.interp,
                &format!("Unknown conversion specifier {c}"),
            )),
            c => Err(value_error(
                self.interp,
                &format!("Unknown conversion specifier \\x{:x}", c as u32),
            )),
        }
    }

    /// Resolves `first.attr[key]...`: CPython's `get_field_object`.
    fn field_object(&mut self, name: &[char]) -> Raise<Value> {
        let split = name
            .iter()
            .position(|&c| c == '.' || c == '[')
            .unwrap_or(name.len());
        let (first, rest) = name.split_at(split);
        let index = self.integer(first)?;
        let index = self.number_field(first.is_empty(), index)?;
        let mut value = match index {
            Some(i) => self.positional(i)?,
            None => self.named(first.iter().collect())?,
        };
        let mut i = 0;
        while let Some(&c) = rest.get(i) {
            i += 1;
            let (is_attribute, part) = match c {
                '.' => {
                    let end = rest
                        .get(i..)
                        .unwrap_or(&[])
                        .iter()
                        .position(|&c| c == '.' || c == '[')
                        .map_or(rest.len(), |n| i + n);
                    let part = rest.get(i..end).unwrap_or(&[]);
                    i = end;
                    (true, part)
                }
                '[' => {
                    let Some(n) = rest.get(i..).unwrap_or(&[]).iter().position(|&c| c == ']')
                    else {
                        return Err(value_error(self.interp, "Missing ']' in format string"));
                    };
                    let part = rest.get(i..i + n).unwrap_or(&[]);
                    i += n + 1;
                    (false, part)
                }
                _ => {
                    return Err(value_error(
                        self.interp,
                        "Only '.' or '[' may follow ']' in format field specifier",
                    ))
                }
            };
            if part.is_empty() {
                return Err(value_error(self.interp, "Empty attribute in format string"));
            }
            let text: String = part.iter().collect();
            value = if is_attribute {
                self.interp.getattr(&value, &text)?
            } else {
                let key = match self.integer(part)? {
                    Some(n) => Value::Int(n as i64),
                    None => Value::str(&text),
                };
                self.interp.getitem(&value, &key)?
            };
        }
        Ok(value)
    }

    /// Applies automatic numbering to an empty field name and forbids mixing styles.
    fn number_field(&mut self, empty: bool, index: Option<usize>) -> Raise<Option<usize>> {
        if !empty && index.is_none() {
            return Ok(None);
        }
        if self.numbering == Numbering::Unset {
            self.numbering = if empty {
                Numbering::Auto
            } else {
                Numbering::Manual
            };
        }
        match (self.numbering, empty) {
            (Numbering::Manual, true) => Err(value_error(
                self.interp,
                "cannot switch from manual field specification to automatic field numbering",
            )),
            (Numbering::Auto, false) => Err(value_error(
                self.interp,
                "cannot switch from automatic field numbering to manual field specification",
            )),
            (_, true) => {
                self.next_auto += 1;
                Ok(Some(self.next_auto - 1))
            }
            (_, false) => Ok(index),
        }
    }

    /// The value of a field name made only of decimal digits, else `None`.
    fn integer(&self, digits: &[char]) -> Raise<Option<usize>> {
        if digits.is_empty() {
            return Ok(None);
        }
        let mut n: usize = 0;
        for &c in digits {
            let Some(d) = decimal_value(c) else {
                return Ok(None);
            };
            n = n
                .checked_mul(10)
                .and_then(|n| n.checked_add(d as usize))
                .filter(|&n| n <= isize::MAX as usize)
                .ok_or_else(|| {
                    value_error(self.interp, "Too many decimal digits in format string")
                })?;
        }
        Ok(Some(n))
    }

    fn positional(&self, index: usize) -> Raise<Value> {
        let Some(args) = self.args else {
            return Err(value_error(
                self.interp,
                "Format string contains positional fields",
            ));
        };
        args.get(index).cloned().ok_or_else(|| {
            self.interp.err(
                "IndexError",
                format!("Replacement index {index} out of range for positional args tuple"),
            )
        })
    }

    fn named(&mut self, key: String) -> Raise<Value> {
        let key = Value::str(&key);
        match self.kwargs.clone() {
            Some(mapping) => self.interp.getitem(&mapping, &key),
            None => Err(super::args::key_error(self.interp, key)),
        }
    }
}

/// `ascii()` of a repr: non-ASCII characters become `\x`, `\u` or `\U` escapes.
pub(crate) fn ascii_escape(repr: &str) -> String {
    let mut out = String::with_capacity(repr.len());
    for c in repr.chars() {
        let n = c as u32;
        match n {
            0..=0x7f => out.push(c),
            0x80..=0xff => out.push_str(&format!("\\x{n:02x}")),
            0x100..=0xffff => out.push_str(&format!("\\u{n:04x}")),
            _ => out.push_str(&format!("\\U{n:08x}")),
        }
    }
    out
}
