//! JSON text exactly as Python's `json.dumps(value, indent=1, sort_keys=True,
//! ensure_ascii=False)` writes it, which is how nbformat saves notebooks.
//!
//! serde_json's pretty printer differs in float syntax (`1e16` against Python's
//! `1e+16`) and cannot sort keys of a `preserve_order` map, hence this writer.

use serde_json::{Map, Number, Value};

/// Writes `value` the way Python's `json.dumps` does with nbformat's options.
pub(crate) fn dumps(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value, 0);
    out
}

fn write_value(out: &mut String, value: &Value, depth: usize) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(flag) => out.push_str(if *flag { "true" } else { "false" }),
        Value::Number(number) => out.push_str(&format_number(number)),
        Value::String(text) => write_string(out, text),
        Value::Array(items) => write_array(out, items, depth),
        Value::Object(map) => write_object(out, map, depth),
    }
}

fn write_array(out: &mut String, items: &[Value], depth: usize) {
    if items.is_empty() {
        out.push_str("[]");
        return;
    }
    out.push('[');
    for (index, item) in items.iter().enumerate() {
        separate(out, index, depth + 1);
        write_value(out, item, depth + 1);
    }
    newline(out, depth);
    out.push(']');
}

fn write_object(out: &mut String, map: &Map<String, Value>, depth: usize) {
    if map.is_empty() {
        out.push_str("{}");
        return;
    }
    // Rust orders strings by UTF-8 bytes, which is code point order: Python's
    // order for `sort_keys`.
    let mut entries: Vec<_> = map.iter().collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    out.push('{');
    for (index, (key, item)) in entries.into_iter().enumerate() {
        separate(out, index, depth + 1);
        write_string(out, key);
        out.push_str(": ");
        write_value(out, item, depth + 1);
    }
    newline(out, depth);
    out.push('}');
}

/// Python puts `,` after every item but the last, then a newline and indent.
fn separate(out: &mut String, index: usize, depth: usize) {
    if index > 0 {
        out.push(',');
    }
    newline(out, depth);
}

fn newline(out: &mut String, depth: usize) {
    out.push('\n');
    out.extend(std::iter::repeat_n(' ', depth));
}

/// With `ensure_ascii=False`, Python escapes only `"`, `\` and C0 controls.
fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            ch if u32::from(ch) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(ch))),
            ch => out.push(ch),
        }
    }
    out.push('"');
}

fn format_number(number: &Number) -> String {
    match number.as_f64() {
        Some(float) if number.is_f64() => format_float(float),
        _ => number.to_string(),
    }
}

/// Formats a float as Python's `repr(float)`: the shortest digits that read
/// back to the same value (Rust finds the same ones), in fixed notation when
/// the decimal exponent is in -4..16 and as `d.ddde+XX` otherwise.
pub(crate) fn format_float(value: f64) -> String {
    if !value.is_finite() {
        // Python writes these, although they are not JSON; serde_json never
        // produces them from parsed text, so this only guards built values.
        return python_non_finite(value).to_owned();
    }
    let scientific = format!("{value:e}");
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(|ch| *ch != '.').collect();
    let body = if (-4..16).contains(&exponent) {
        fixed_notation(&digits, exponent)
    } else {
        exponent_notation(&digits, exponent)
    };
    format!("{sign}{body}")
}

fn python_non_finite(value: f64) -> &'static str {
    if value.is_nan() {
        "NaN"
    } else if value > 0.0 {
        "Infinity"
    } else {
        "-Infinity"
    }
}

/// `digits` stand for `d.ddd × 10^exponent`; always keeps a fractional part
/// (`1.0`, not `1`), as Python's `repr` does.
fn fixed_notation(digits: &str, exponent: i32) -> String {
    let point = exponent + 1;
    if point <= 0 {
        let zeros = "0".repeat(point.unsigned_abs() as usize);
        return format!("0.{zeros}{digits}");
    }
    let point = point as usize;
    if digits.len() > point {
        format!("{}.{}", &digits[..point], &digits[point..])
    } else {
        format!("{digits}{}.0", "0".repeat(point - digits.len()))
    }
}

fn exponent_notation(digits: &str, exponent: i32) -> String {
    let sign = if exponent < 0 { '-' } else { '+' };
    let magnitude = exponent.unsigned_abs();
    match digits.split_at(1) {
        (first, "") => format!("{first}e{sign}{magnitude:02}"),
        (first, rest) => format!("{first}.{rest}e{sign}{magnitude:02}"),
    }
}

#[cfg(test)]
mod tests {
    use crate::ipynb::pyjson::{dumps, format_float};
    use serde_json::json;

    #[test]
    fn floats_read_as_python_writes_them() {
        // Expected values are Python 3.11's `repr` of the same floats.
        let cases = [
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1.0, "1.0"),
            (2.5, "2.5"),
            (100000.0, "100000.0"),
            (1e15, "1000000000000000.0"),
            (1e16, "1e+16"),
            (1.5e300, "1.5e+300"),
            (0.0001, "0.0001"),
            (1e-5, "1e-05"),
            (-1.25e-7, "-1.25e-07"),
            (0.1 + 0.2, "0.30000000000000004"),
            (123456789.125, "123456789.125"),
            (5e-324, "5e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
        ];
        for (value, expected) in cases {
            assert_eq!(format_float(value), expected, "repr of {value:e}");
        }
    }

    #[test]
    fn nesting_uses_one_space_per_level_and_sorted_keys() {
        let value = json!({"b": [1, {}], "a": {"z": null, "y": []}});
        let expected =
            "{\n \"a\": {\n  \"y\": [],\n  \"z\": null\n },\n \"b\": [\n  1,\n  {}\n ]\n}";
        assert_eq!(dumps(&value), expected);
    }

    #[test]
    fn strings_escape_only_quotes_backslashes_and_controls() {
        let value = json!("é\"\\\n\t\u{1b}\u{7f}🐍\u{2028}");
        assert_eq!(dumps(&value), "\"é\\\"\\\\\\n\\t\\u001b\u{7f}🐍\u{2028}\"");
    }
}
