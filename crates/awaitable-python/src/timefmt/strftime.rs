//! `strftime` in the C locale, after glibc: the directives of C99 and POSIX,
//! glibc's flags (`-`, `_`, `0`, `^`, `#`), field widths and the `E`/`O`
//! modifiers. An unknown directive is copied through, as glibc does.

use super::calendar::{is_leap, Tm};

const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// How one directive was written: `%[flags][width][E|O]conversion`.
#[derive(Default, Clone, Copy)]
struct Spec {
    /// `-`, `_` or `0`, if given.
    pad: Option<char>,
    upper: bool,
    swap_case: bool,
    width: Option<usize>,
}

/// Formats `tm` with `format`.
pub fn strftime(format: &str, tm: &Tm) -> String {
    let mut out = String::new();
    let chars: Vec<char> = format.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '%' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let (spec, conversion, next) = parse_directive(&chars, i + 1);
        match conversion.and_then(|c| directive(c, spec, tm)) {
            Some(text) => out.push_str(&text),
            // Unknown: the directive's text as written.
            None => out.extend(&chars[i..next]),
        }
        i = next;
    }
    out
}

/// Reads the flags, width, modifier and conversion after a `%` at `start`;
/// returns the spec, the conversion (`None` for an invalid directive) and where the directive ends.
fn parse_directive(chars: &[char], start: usize) -> (Spec, Option<char>, usize) {
    let mut spec = Spec::default();
    let mut i = start;
    while let Some(&c) = chars.get(i) {
        match c {
            '-' | '_' | '0' => spec.pad = Some(c),
            '^' => spec.upper = true,
            '#' => spec.swap_case = true,
            _ => break,
        }
        i += 1;
    }
    let digits_start = i;
    while chars.get(i).is_some_and(char::is_ascii_digit) {
        i += 1;
    }
    if i > digits_start {
        let digits: String = chars[digits_start..i].iter().collect();
        spec.width = digits.parse::<usize>().ok().map(|w| w.min(1024));
    }
    let modifier = chars.get(i).copied().filter(|c| *c == 'E' || *c == 'O');
    if modifier.is_some() {
        i += 1;
    }
    let Some(&conversion) = chars.get(i) else {
        return (spec, None, chars.len());
    };
    let allowed = match modifier {
        Some('E') => "cCxXyY".contains(conversion),
        Some(_) => "deHImMSuUVwWy".contains(conversion),
        None => true,
    };
    (spec, allowed.then_some(conversion), i + 1)
}

/// The text of one directive, or `None` if glibc does not know it.
fn directive(c: char, spec: Spec, tm: &Tm) -> Option<String> {
    let hour12 = if tm.hour % 12 == 0 { 12 } else { tm.hour % 12 };
    // C's weekday, Sunday = 0.
    let wday_sun = (tm.wday + 1).rem_euclid(7);
    let yday0 = tm.yday - 1;
    Some(match c {
        'a' => text(day_name(tm.wday).get(..3).unwrap_or(""), spec, true),
        'A' => text(day_name(tm.wday), spec, true),
        'b' | 'h' => text(month_name(tm.mon).get(..3).unwrap_or(""), spec, true),
        'B' => text(month_name(tm.mon), spec, true),
        'p' => am_pm(tm.hour, spec, false),
        'P' => am_pm(tm.hour, spec, true),
        'Z' => text(tm.zone, spec, false),
        'z' => "+0000".to_string(),
        'n' => text("\n", spec, false),
        't' => text("\t", spec, false),
        '%' => text("%", spec, false),
        'c' => composite("%a %b %e %H:%M:%S %Y", spec, tm),
        'x' | 'D' => composite("%m/%d/%y", spec, tm),
        'X' | 'T' => composite("%H:%M:%S", spec, tm),
        'F' => composite("%Y-%m-%d", spec, tm),
        'R' => composite("%H:%M", spec, tm),
        'r' => composite("%I:%M:%S %p", spec, tm),
        'd' => number(tm.mday, 2, '0', spec),
        'e' => number(tm.mday, 2, ' ', spec),
        'H' => number(tm.hour, 2, '0', spec),
        'k' => number(tm.hour, 2, ' ', spec),
        'I' => number(hour12, 2, '0', spec),
        'l' => number(hour12, 2, ' ', spec),
        'j' => number(tm.yday, 3, '0', spec),
        'm' => number(tm.mon, 2, '0', spec),
        'M' => number(tm.min, 2, '0', spec),
        'S' => number(tm.sec, 2, '0', spec),
        's' => number(super::calendar::timestamp_of(tm).unwrap_or(0), 1, '0', spec),
        'u' => number(tm.wday + 1, 1, '0', spec),
        'w' => number(wday_sun, 1, '0', spec),
        'U' => number((yday0 + 7 - wday_sun).div_euclid(7), 2, '0', spec),
        'W' => number((yday0 + 7 - (wday_sun + 6) % 7).div_euclid(7), 2, '0', spec),
        'y' => number(tm.year.rem_euclid(100), 2, '0', spec),
        'Y' => number(tm.year, 1, '0', spec),
        'C' => number(tm.year.div_euclid(100), 1, '0', spec),
        'G' => number(iso_week(tm).0, 1, '0', spec),
        'g' => number(iso_week(tm).0.rem_euclid(100), 2, '0', spec),
        'V' => number(iso_week(tm).1, 2, '0', spec),
        _ => return None,
    })
}

fn day_name(wday: i64) -> &'static str {
    DAYS.get(wday.rem_euclid(7) as usize)
        .copied()
        .unwrap_or("?")
}

fn month_name(mon: i64) -> &'static str {
    usize::try_from(mon - 1)
        .ok()
        .and_then(|m| MONTHS.get(m))
        .copied()
        .unwrap_or("?")
}

/// A number padded to its default width with its default pad, unless the spec says otherwise.
fn number(value: i64, default_width: usize, default_pad: char, spec: Spec) -> String {
    let (width, pad) = match (spec.pad, spec.width) {
        // `-` drops the default padding; an explicit width still pads, with spaces.
        (Some('-'), None) => (0, ' '),
        (Some('-' | '_'), Some(w)) => (w, ' '),
        (Some('_'), None) => (default_width, ' '),
        (Some(_), w) => (w.unwrap_or(default_width), '0'),
        (None, Some(w)) => (w, if default_pad == ' ' { ' ' } else { '0' }),
        (None, None) => (default_width, default_pad),
    };
    let digits = value.unsigned_abs().to_string();
    let sign = if value < 0 { "-" } else { "" };
    let len = digits.len() + sign.len();
    let fill: String = std::iter::repeat_n(pad, width.saturating_sub(len)).collect();
    if pad == '0' {
        format!("{sign}{fill}{digits}")
    } else {
        format!("{fill}{sign}{digits}")
    }
}

/// A word, with `^` (upper case) and `#` (upper case for names, else lower case) applied, then padded.
fn text(s: &str, spec: Spec, is_name: bool) -> String {
    let cased = if spec.upper || (spec.swap_case && is_name) {
        s.to_uppercase()
    } else if spec.swap_case {
        s.to_lowercase()
    } else {
        s.to_string()
    };
    let pad = if spec.pad == Some('0') { '0' } else { ' ' };
    let fill: String = std::iter::repeat_n(
        pad,
        spec.width
            .unwrap_or(0)
            .saturating_sub(cased.chars().count()),
    )
    .collect();
    format!("{fill}{cased}")
}

fn am_pm(hour: i64, spec: Spec, lower: bool) -> String {
    let word = if hour < 12 { "AM" } else { "PM" };
    if lower {
        return text(
            &word.to_lowercase(),
            Spec {
                upper: false,
                swap_case: false,
                ..spec
            },
            false,
        );
    }
    text(word, spec, false)
}

/// A fixed combination of directives; only `^` applies to it as a whole.
fn composite(format: &str, spec: Spec, tm: &Tm) -> String {
    let s = strftime(format, tm);
    if spec.upper {
        s.to_uppercase()
    } else {
        s
    }
}

/// The ISO 8601 `(year, week)` of a date, from its year day and weekday as glibc computes them.
fn iso_week(tm: &Tm) -> (i64, i64) {
    let yday0 = tm.yday - 1;
    let wday_sun = (tm.wday + 1).rem_euclid(7);
    let mut days = iso_week_days(yday0, wday_sun);
    let mut year = tm.year;
    if days < 0 {
        year -= 1;
        days = iso_week_days(yday0 + 365 + i64::from(is_leap(tm.year - 1)), wday_sun);
    } else {
        let next = iso_week_days(yday0 - (365 + i64::from(is_leap(tm.year))), wday_sun);
        if next >= 0 {
            year += 1;
            days = next;
        }
    }
    (year, days / 7 + 1)
}

/// Days since the Monday starting the ISO week 1 of the year of `yday` (may be negative).
fn iso_week_days(yday: i64, wday: i64) -> i64 {
    const MONDAY: i64 = 1;
    const THURSDAY: i64 = 4;
    // Enough to make the first operand of `%` non-negative for any year day.
    const BIG_ENOUGH_MULTIPLE_OF_7: i64 = (366 / 7 + 2) * 7;
    yday - (yday - wday + THURSDAY + BIG_ENOUGH_MULTIPLE_OF_7) % 7 + THURSDAY - MONDAY
}
