//! A small JSON reader producing Python values (dicts, lists, str, int, float,
//! bool, None), for the replies of web APIs such as Wikipedia's.

use std::cell::RefCell;
use std::rc::Rc;

use num_bigint::BigInt;

use crate::dict::Dict;
use crate::value::Value;

/// How deeply arrays and objects may nest; deeper input is rejected, so a
/// hostile reply cannot exhaust the stack.
const MAX_DEPTH: usize = 200;

/// Why a text is not JSON, with the byte offset, like Python's `JSONDecodeError`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// What was wrong.
    pub message: String,
    /// Where, as a byte offset.
    pub offset: usize,
}

/// Parses a JSON document.
pub fn parse(text: &str) -> Result<Value, JsonError> {
    let mut reader = Reader {
        bytes: text.as_bytes(),
        text,
        pos: 0,
    };
    reader.skip_space();
    let value = reader.value(0)?;
    reader.skip_space();
    if reader.pos != reader.bytes.len() {
        return Err(reader.error("Extra data"));
    }
    Ok(value)
}

struct Reader<'a> {
    bytes: &'a [u8],
    text: &'a str,
    pos: usize,
}

impl Reader<'_> {
    fn error(&self, message: &str) -> JsonError {
        JsonError {
            message: message.to_string(),
            offset: self.pos,
        }
    }

    fn skip_space(&mut self) {
        while self.pos < self.bytes.len()
            && matches!(self.bytes[self.pos], b' ' | b'\t' | b'\n' | b'\r')
        {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn value(&mut self, depth: usize) -> Result<Value, JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.error("Nesting too deep"));
        }
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(|s| Value::str(&s)),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::None),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("Expecting value")),
            None => Err(self.error("Expecting value")),
        }
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, JsonError> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error("Expecting value"))
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, JsonError> {
        self.pos += 1;
        let mut dict = Dict::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Dict(Rc::new(RefCell::new(dict))));
        }
        loop {
            self.skip_space();
            if self.peek() != Some(b'"') {
                return Err(self.error("Expecting property name enclosed in double quotes"));
            }
            let key = self.string()?;
            self.skip_space();
            if self.peek() != Some(b':') {
                return Err(self.error("Expecting ':' delimiter"));
            }
            self.pos += 1;
            self.skip_space();
            let value = self.value(depth + 1)?;
            let _ = dict.insert(Value::str(&key), value);
            self.skip_space();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Dict(Rc::new(RefCell::new(dict))));
                }
                _ => return Err(self.error("Expecting ',' delimiter")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, JsonError> {
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::list(items));
        }
        loop {
            self.skip_space();
            items.push(self.value(depth + 1)?);
            self.skip_space();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::list(items));
                }
                _ => return Err(self.error("Expecting ',' delimiter")),
            }
        }
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            let start = self.pos;
            while self.pos < self.bytes.len()
                && !matches!(self.bytes[self.pos], b'"' | b'\\')
                && self.bytes[self.pos] >= 0x20
            {
                self.pos += 1;
            }
            out.push_str(&self.text[start..self.pos]);
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => return Err(self.error("Invalid control character")),
                None => return Err(self.error("Unterminated string starting at")),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), JsonError> {
        let c = self
            .peek()
            .ok_or_else(|| self.error("Unterminated string starting at"))?;
        self.pos += 1;
        match c {
            b'"' => out.push('"'),
            b'\\' => out.push('\\'),
            b'/' => out.push('/'),
            b'b' => out.push('\u{8}'),
            b'f' => out.push('\u{c}'),
            b'n' => out.push('\n'),
            b'r' => out.push('\r'),
            b't' => out.push('\t'),
            b'u' => {
                let first = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&first)
                    && self.bytes[self.pos..].starts_with(b"\\u")
                {
                    self.pos += 2;
                    let second = self.hex4()?;
                    if (0xDC00..0xE000).contains(&second) {
                        0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                    } else {
                        0xFFFD
                    }
                } else {
                    first
                };
                out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
            }
            _ => return Err(self.error("Invalid \\escape")),
        }
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits = self
            .text
            .get(self.pos..self.pos + 4)
            .ok_or_else(|| self.error("Invalid \\uXXXX escape"))?;
        let value =
            u32::from_str_radix(digits, 16).map_err(|_| self.error("Invalid \\uXXXX escape"))?;
        self.pos += 4;
        Ok(value)
    }

    fn number(&mut self) -> Result<Value, JsonError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let mut is_float = false;
        while let Some(c) = self.peek() {
            match c {
                b'0'..=b'9' => {}
                b'.' | b'e' | b'E' | b'+' | b'-' => is_float = true,
                _ => break,
            }
            self.pos += 1;
        }
        let text = &self.text[start..self.pos];
        if is_float {
            text.parse::<f64>()
                .map(Value::Float)
                .map_err(|_| JsonError {
                    message: "Expecting value".into(),
                    offset: start,
                })
        } else {
            text.parse::<BigInt>()
                .map(Value::from_bigint)
                .map_err(|_| JsonError {
                    message: "Expecting value".into(),
                    offset: start,
                })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> String {
        let mut interp = crate::interp::Interp::new(crate::compiler::Mode::Script);
        match parse(text) {
            Ok(v) => interp.repr(&v).unwrap_or_default(),
            Err(e) => format!("error: {} at {}", e.message, e.offset),
        }
    }

    #[test]
    fn reads_the_shapes_of_api_replies() {
        assert_eq!(
            shown(
                r#"{"query": {"pages": {"42": {"title": "Coroutine", "extract": "A \u00e9t\u00e9\n"}}}}"#
            ),
            "{'query': {'pages': {'42': {'title': 'Coroutine', 'extract': 'A été\\n'}}}}"
        );
        assert_eq!(
            shown("[1, -2.5e3, true, false, null, \"\\ud83d\\ude00\"]"),
            "[1, -2500.0, True, False, None, '😀']"
        );
        assert_eq!(
            shown("123456789012345678901234567890"),
            "123456789012345678901234567890"
        );
    }

    #[test]
    fn rejects_broken_text_with_a_position() {
        assert_eq!(
            shown(r#"{"query": {"pages": "#),
            "error: Expecting value at 20"
        );
        assert_eq!(shown("<html>"), "error: Expecting value at 0");
        assert_eq!(shown("[1] 2"), "error: Extra data at 4");
        assert!(shown(&"[".repeat(10_000)).starts_with("error: Nesting too deep"));
    }
}
