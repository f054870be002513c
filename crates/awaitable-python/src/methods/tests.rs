//! Unit tests calling the methods directly; every expected output was printed
//! by CPython 3.12 for the same call.

use std::cell::RefCell;
use std::rc::Rc;

use crate::compiler::Mode;
use crate::dict::Dict;
use crate::interp::Interp;
use crate::value::*;

fn s(text: &str) -> Value {
    Value::str(text)
}

fn i(n: i64) -> Value {
    Value::Int(n)
}

fn b(bytes: &[u8]) -> Value {
    Value::Bytes(bytes.into())
}

fn list(items: Vec<Value>) -> Value {
    Value::list(items)
}

fn tuple(items: Vec<Value>) -> Value {
    Value::tuple(items)
}

fn dict(pairs: Vec<(Value, Value)>) -> Value {
    let mut d = Dict::new();
    for (k, v) in pairs {
        d.insert(k, v).expect("hashable test key");
    }
    Value::Dict(Rc::new(RefCell::new(d)))
}

fn set(items: Vec<Value>) -> Value {
    let mut d = Dict::new();
    for k in items {
        d.insert(k, Value::None).expect("hashable test item");
    }
    Value::Set(Rc::new(RefCell::new(d)))
}

fn frozenset(items: Vec<Value>) -> Value {
    match set(items) {
        Value::Set(d) => Value::FrozenSet(Rc::new(d.borrow().copy())),
        other => other,
    }
}

fn big(text: &str) -> Value {
    Value::from_bigint(text.parse().expect("a decimal literal"))
}

/// `repr(result)`, or `ExcType: message` if the call raised.
fn outcome(interp: &mut Interp, result: Result<Value, Exc>) -> String {
    match result {
        Ok(v) => interp.repr(&v).unwrap_or_else(|_| "<repr failed>".into()),
        Err(e) => {
            let message = interp.to_str(&e.value()).unwrap_or_default();
            if message.is_empty() {
                e.class().name.to_string()
            } else {
                format!("{}: {message}", e.class().name)
            }
        }
    }
}

/// Calls `receiver.method(*pos, **kw)`.
fn call_kw(
    interp: &mut Interp,
    receiver: &Value,
    method: &str,
    pos: Vec<Value>,
    kw: Vec<(&str, Value)>,
) -> String {
    let result = interp.getattr(receiver, method).and_then(|m| {
        let kw = kw.into_iter().map(|(k, v)| (Rc::from(k), v)).collect();
        interp.call(&m, Args { pos, kw })
    });
    outcome(interp, result)
}

fn call(interp: &mut Interp, receiver: &Value, method: &str, pos: Vec<Value>) -> String {
    call_kw(interp, receiver, method, pos, Vec::new())
}

/// Checks a table of `(receiver, method, args, expected)` calls.
fn check(cases: Vec<(Value, &str, Vec<Value>, &str)>) {
    let mut interp = Interp::new(Mode::Script);
    let mut failures = Vec::new();
    for (receiver, method, pos, want) in cases {
        let shown = outcome(&mut interp, Ok(receiver.clone()));
        let got = call(&mut interp, &receiver, method, pos);
        if got != want {
            failures.push(format!("{shown}.{method}(...): got {got}, want {want}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} cases differ from CPython:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn str_split_and_join() {
    check(vec![
        (
            s("  a b  c  "),
            "split",
            vec![Value::None, i(1)],
            "['a', 'b  c  ']",
        ),
        (
            s("  a b  c  "),
            "rsplit",
            vec![Value::None, i(1)],
            "['  a b', 'c']",
        ),
        (
            s("  a b  c  "),
            "split",
            vec![Value::None, i(0)],
            "['a b  c  ']",
        ),
        (
            s("  a b  c  "),
            "rsplit",
            vec![Value::None, i(0)],
            "['  a b  c']",
        ),
        (s("   "), "split", vec![Value::None, i(0)], "[]"),
        (
            s("a,b,,c,"),
            "split",
            vec![s(",")],
            "['a', 'b', '', 'c', '']",
        ),
        (
            s("a,b,,c,"),
            "split",
            vec![s(","), i(2)],
            "['a', 'b', ',c,']",
        ),
        (
            s("a,b,,c,"),
            "rsplit",
            vec![s(","), i(2)],
            "['a,b,', 'c', '']",
        ),
        (
            s("a,b,,c,"),
            "split",
            vec![s(","), i(-5)],
            "['a', 'b', '', 'c', '']",
        ),
        (s(""), "split", vec![s(",")], "['']"),
        (s(""), "split", vec![], "[]"),
        (s("a\u{3000}b\x1cc"), "split", vec![], "['a', 'b', 'c']"),
        (
            s("a"),
            "split",
            vec![i(1)],
            "TypeError: must be str or None, not int",
        ),
        (
            s("a"),
            "split",
            vec![s(","), i(1), i(2)],
            "TypeError: split() takes at most 2 arguments (3 given)",
        ),
        (
            s("a"),
            "split",
            vec![s(","), s("x")],
            "TypeError: 'str' object cannot be interpreted as an integer",
        ),
        (s("a"), "split", vec![s("")], "ValueError: empty separator"),
        (
            s("a"),
            "split",
            vec![s(","), big("1180591620717411303424")],
            "OverflowError: Python int too large to convert to C ssize_t",
        ),
        (
            s("a\nb\r\nc\rd\x0be\x0cf\x1cg\x1dh\x1ei\u{85}j\u{2028}k\u{2029}l"),
            "splitlines",
            vec![],
            "['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l']",
        ),
        (
            s("a\nb\r\n"),
            "splitlines",
            vec![Value::Bool(true)],
            "['a\\n', 'b\\r\\n']",
        ),
        (s("\n"), "splitlines", vec![], "['']"),
        (s("x"), "splitlines", vec![Value::Float(1.5)], "['x']"),
        (s(","), "join", vec![s("abc")], "'a,b,c'"),
        (s("1"), "join", vec![list(vec![])], "''"),
        (
            s("a"),
            "join",
            vec![list(vec![s("a"), i(2)])],
            "TypeError: sequence item 1: expected str instance, int found",
        ),
        (
            s("a"),
            "join",
            vec![i(5)],
            "TypeError: can only join an iterable",
        ),
        (
            s("a"),
            "join",
            vec![],
            "TypeError: str.join() takes exactly one argument (0 given)",
        ),
        (s("abc"), "partition", vec![s("b")], "('a', 'b', 'c')"),
        (s("abc"), "partition", vec![s("x")], "('abc', '', '')"),
        (s("abc"), "rpartition", vec![s("x")], "('', '', 'abc')"),
        (s("abcb"), "rpartition", vec![s("b")], "('abc', 'b', '')"),
        (
            s("a"),
            "partition",
            vec![s("")],
            "ValueError: empty separator",
        ),
        (
            s("a"),
            "rpartition",
            vec![i(1)],
            "TypeError: must be str, not int",
        ),
    ]);
}

#[test]
fn str_strip_replace_expand() {
    check(vec![
        (s(" xx "), "strip", vec![s("x ")], "''"),
        (s("\u{3000} a \x1c"), "strip", vec![], "'a'"),
        (s("xxaxx"), "lstrip", vec![s("x")], "'axx'"),
        (s("xxaxx"), "rstrip", vec![s("x")], "'xxa'"),
        (s("a"), "strip", vec![Value::None], "'a'"),
        (
            s("a"),
            "lstrip",
            vec![i(1)],
            "TypeError: lstrip arg must be None or str",
        ),
        (
            s("a"),
            "strip",
            vec![i(1), i(2)],
            "TypeError: strip expected at most 1 argument, got 2",
        ),
        (s("abc"), "replace", vec![s(""), s("-")], "'-a-b-c-'"),
        (s("abc"), "replace", vec![s(""), s("-"), i(2)], "'-a-bc'"),
        (s("abc"), "replace", vec![s("b"), s(""), i(0)], "'abc'"),
        (s("abc"), "replace", vec![s("b"), s("x"), i(-3)], "'axc'"),
        (s("aaaa"), "replace", vec![s("aa"), s("b")], "'bb'"),
        (
            s("a"),
            "replace",
            vec![s("a")],
            "TypeError: replace expected at least 2 arguments, got 1",
        ),
        (
            s("a"),
            "replace",
            vec![s("a"), i(1)],
            "TypeError: replace() argument 2 must be str, not int",
        ),
        (
            s("a"),
            "replace",
            vec![i(1), s("b")],
            "TypeError: replace() argument 1 must be str, not int",
        ),
        (s("a\tb"), "expandtabs", vec![i(-1)], "'ab'"),
        (s("a\tb\n\tc"), "expandtabs", vec![i(4)], "'a   b\\n    c'"),
        (s("a\rb\tc"), "expandtabs", vec![], "'a\\rb       c'"),
        (
            s("a"),
            "expandtabs",
            vec![s("x")],
            "TypeError: 'str' object cannot be interpreted as an integer",
        ),
    ]);
}

#[test]
fn str_search() {
    check(vec![
        (s("abc"), "startswith", vec![s(""), i(3)], "True"),
        (s("abc"), "startswith", vec![s(""), i(4)], "False"),
        (s("abc"), "startswith", vec![s(""), i(2), i(1)], "False"),
        (s("abc"), "endswith", vec![s("c"), i(-1)], "True"),
        (s("abc"), "endswith", vec![s(""), i(3), i(2)], "False"),
        (
            s("a"),
            "startswith",
            vec![tuple(vec![s("a"), i(1)])],
            "True",
        ),
        (
            s("a"),
            "endswith",
            vec![tuple(vec![i(1), s("a")])],
            "TypeError: tuple for endswith must only contain str, not int",
        ),
        (
            s("a"),
            "startswith",
            vec![i(1)],
            "TypeError: startswith first arg must be str or a tuple of str, not int",
        ),
        (s("abc"), "find", vec![s(""), i(3)], "3"),
        (s("abc"), "find", vec![s(""), i(4)], "-1"),
        (s("abc"), "find", vec![s(""), i(2), i(1)], "-1"),
        (s("abc"), "rfind", vec![s(""), i(1)], "3"),
        (s("abc"), "rfind", vec![s(""), i(5)], "-1"),
        (s("abc"), "find", vec![s("c"), i(-1)], "2"),
        (
            s("abc"),
            "find",
            vec![s("c"), Value::None, Value::None],
            "2",
        ),
        (s("héllo wörld"), "find", vec![s("wö")], "6"),
        (s("héllo wörld"), "rfind", vec![s("l"), i(0), i(-2)], "3"),
        (s("héllo"), "index", vec![s("l"), i(3)], "3"),
        (
            s("a"),
            "find",
            vec![s("a"), big("1180591620717411303424")],
            "-1",
        ),
        (s("abc"), "count", vec![s(""), i(1)], "3"),
        (s("abc"), "count", vec![s(""), i(4)], "0"),
        (s("abc"), "count", vec![s(""), i(2), i(1)], "0"),
        (s("abc"), "count", vec![s(""), i(-100)], "4"),
        (s("aaa"), "count", vec![s("aa")], "1"),
        (
            s("a"),
            "index",
            vec![s("b")],
            "ValueError: substring not found",
        ),
        (
            s("a"),
            "rindex",
            vec![s("b")],
            "ValueError: substring not found",
        ),
        (
            s("a"),
            "find",
            vec![],
            "TypeError: find() takes at least 1 argument (0 given)",
        ),
        (
            s("a"),
            "find",
            vec![i(1)],
            "TypeError: must be str, not int",
        ),
        (
            s("a"),
            "find",
            vec![s("a"), s("x")],
            "TypeError: slice indices must be integers or None or have an __index__ method",
        ),
        (
            s("a"),
            "count",
            vec![s("a"), i(1), i(2), i(3)],
            "TypeError: count() takes at most 3 arguments (4 given)",
        ),
    ]);
}

#[test]
fn str_case_and_classes() {
    check(vec![
        (s("ǆaB cD"), "title", vec![], "'ǅab Cd'"),
        (
            s("they're bill's friends from the UK"),
            "title",
            vec![],
            "\"They'Re Bill'S Friends From The Uk\"",
        ),
        (s("1st 2nd"), "title", vec![], "'1St 2Nd'"),
        (s("ΟΔΟΣ"), "title", vec![], "'Οδος'"),
        (s("ß"), "upper", vec![], "'SS'"),
        (s("ǆemal"), "capitalize", vec![], "'ǅemal'"),
        (s("ŉ"), "capitalize", vec![], "'ʼN'"),
        (s("ΑΣ"), "capitalize", vec![], "'Ας'"),
        (s("ΑΣ Σ ΑΣ."), "lower", vec![], "'ας σ ας.'"),
        (s("Σ"), "swapcase", vec![], "'σ'"),
        (s("ΑΣ"), "swapcase", vec![], "'ας'"),
        (s("Hello World"), "swapcase", vec![], "'hELLO wORLD'"),
        (s("ß ﬁ ΣΑΣ"), "casefold", vec![], "'ss fi σασ'"),
        (s("Ǆ"), "istitle", vec![], "True"),
        (s("ǅ"), "istitle", vec![], "True"),
        (s("Hello World"), "istitle", vec![], "True"),
        (s("Hello world"), "istitle", vec![], "False"),
        (s("HELLO"), "isupper", vec![], "True"),
        (s("ǅ"), "isupper", vec![], "False"),
        (s(""), "isupper", vec![], "False"),
        (s("123"), "isupper", vec![], "False"),
        (s("a1"), "islower", vec![], "True"),
        (s(""), "isprintable", vec![], "True"),
        (s("\t"), "isprintable", vec![], "False"),
        (s("_a1"), "isidentifier", vec![], "True"),
        (s("1a"), "isidentifier", vec![], "False"),
        (s(""), "isidentifier", vec![], "False"),
        (s("²"), "isdigit", vec![], "True"),
        (s("½"), "isnumeric", vec![], "True"),
        (s("½"), "isdigit", vec![], "False"),
        (s("a b"), "isalnum", vec![], "False"),
        (s(""), "isspace", vec![], "False"),
        (s("abc"), "isascii", vec![], "True"),
        (
            s("a"),
            "upper",
            vec![i(1)],
            "TypeError: str.upper() takes no arguments (1 given)",
        ),
    ]);
}

#[test]
fn str_padding_and_affixes() {
    check(vec![
        (s("ab"), "center", vec![i(5)], "'  ab '"),
        (s("a"), "center", vec![i(4)], "' a  '"),
        (s("ab"), "center", vec![i(6), s("*")], "'**ab**'"),
        (s("abc"), "center", vec![i(6)], "' abc  '"),
        (
            s("a"),
            "center",
            vec![],
            "TypeError: center expected at least 1 argument, got 0",
        ),
        (
            s("a"),
            "center",
            vec![i(5), s("ab")],
            "TypeError: The fill character must be exactly one character long",
        ),
        (
            s("a"),
            "center",
            vec![i(5), i(1)],
            "TypeError: The fill character must be a unicode character, not int",
        ),
        (
            s("a"),
            "center",
            vec![big("1180591620717411303424")],
            "OverflowError: Python int too large to convert to C ssize_t",
        ),
        (s("a"), "ljust", vec![i(3), s("é")], "'aéé'"),
        (s("a"), "rjust", vec![i(3)], "'  a'"),
        (s("a"), "ljust", vec![i(10_000_000_000)], "MemoryError"),
        (s("-42"), "zfill", vec![i(6)], "'-00042'"),
        (s("+"), "zfill", vec![i(3)], "'+00'"),
        (s("42"), "zfill", vec![i(-1)], "'42'"),
        (s("a"), "zfill", vec![i(1_000_000_000)], "MemoryError"),
        (
            s("a"),
            "zfill",
            vec![s("x")],
            "TypeError: 'str' object cannot be interpreted as an integer",
        ),
        (s("abc"), "removeprefix", vec![s("")], "'abc'"),
        (s("abc"), "removeprefix", vec![s("ab")], "'c'"),
        (s("abc"), "removesuffix", vec![s("bc")], "'a'"),
        (
            s("a"),
            "removeprefix",
            vec![i(1)],
            "TypeError: removeprefix() argument must be str, not int",
        ),
    ]);
}

#[test]
fn str_translate_and_encode() {
    let table = dict(vec![(i(97), s("xyz")), (i(98), Value::None)]);
    check(vec![
        (s("ab"), "translate", vec![table], "'xyz'"),
        (s("a"), "translate", vec![list(vec![])], "'a'"),
        (s("a"), "translate", vec![dict(vec![(i(97), i(0x110000))])], "ValueError: character mapping must be in range(0x110000)"),
        (s("a"), "translate", vec![dict(vec![(i(97), Value::Float(1.5))])], "TypeError: character mapping must return integer, None or str"),
        (s("a"), "translate", vec![i(1)], "TypeError: 'int' object is not subscriptable"),
        (s(""), "maketrans", vec![s("ab"), s("cd"), s("e")], "{97: 99, 98: 100, 101: None}"),
        (s(""), "maketrans", vec![dict(vec![(s("a"), i(1))])], "{97: 1}"),
        (s(""), "maketrans", vec![i(1)], "TypeError: if you give only one argument to maketrans it must be a dict"),
        (s(""), "maketrans", vec![s("ab"), s("c")], "ValueError: the first two maketrans arguments must have equal length"),
        (s(""), "maketrans", vec![dict(vec![(s("ab"), i(1))])], "ValueError: string keys in translate table must be of length 1"),
        (s(""), "maketrans", vec![dict(vec![(Value::Float(1.5), i(1))])], "TypeError: keys in translate table must be strings or integers"),
        (s(""), "maketrans", vec![s("a"), i(1)], "TypeError: maketrans() argument 2 must be str, not int"),
        (s(""), "maketrans", vec![i(1), s("a")], "TypeError: first maketrans argument must be a string if there is a second argument"),
        (s("é"), "encode", vec![], "b'\\xc3\\xa9'"),
        (s("é"), "encode", vec![s("latin-1")], "b'\\xe9'"),
        (s("é"), "encode", vec![s("UTF8")], "b'\\xc3\\xa9'"),
        (s("€"), "encode", vec![s("latin-1")], "UnicodeEncodeError: 'latin-1' codec can't encode character '\\u20ac' in position 0: ordinal not in range(256)"),
        (s("a€€"), "encode", vec![s("latin-1")], "UnicodeEncodeError: 'latin-1' codec can't encode characters in position 1-2: ordinal not in range(256)"),
        (s("é"), "encode", vec![s("ascii")], "UnicodeEncodeError: 'ascii' codec can't encode character '\\xe9' in position 0: ordinal not in range(128)"),
        (s("a€b"), "encode", vec![s("ascii"), s("replace")], "b'a?b'"),
        (s("a€b"), "encode", vec![s("ascii"), s("ignore")], "b'ab'"),
        (s("a€b"), "encode", vec![s("ascii"), s("xmlcharrefreplace")], "b'a&#8364;b'"),
        (s("a€b\u{1F600}"), "encode", vec![s("ascii"), s("backslashreplace")], "b'a\\\\u20acb\\\\U0001f600'"),
        (s("é"), "encode", vec![s("ascii"), s("foo")], "LookupError: unknown error handler name 'foo'"),
        (s("a"), "encode", vec![s("foo")], "LookupError: unknown encoding: foo"),
    ]);
}

#[test]
fn str_format() {
    let mut interp = Interp::new(Mode::Script);
    let point = dict(vec![(s("a"), i(1))]);
    type Case<'a> = (&'a str, Vec<Value>, Vec<(&'a str, Value)>, &'a str);
    let cases: Vec<Case> = vec![
        ("{} {}", vec![i(1), s("x")], vec![], "'1 x'"),
        ("{1}{0}{1}", vec![i(1), i(2)], vec![], "'212'"),
        ("{x}-{y!r}", vec![], vec![("x", i(1)), ("y", s("b"))], "\"1-'b'\""),
        ("{0[a]} {0[a]:>3}", vec![point.clone()], vec![], "'1   1'"),
        ("{0.real}{.imag}", vec![i(5), i(6)], vec![], "ValueError: cannot switch from manual field specification to automatic field numbering"),
        ("{.real}", vec![i(1)], vec![], "'1'"),
        ("{[0]}", vec![list(vec![i(5)])], vec![], "'5'"),
        ("{:{}}|", vec![s("ab"), i(4)], vec![], "'ab  |'"),
        ("{0:{1}{2}}", vec![i(42), s(">"), i(5)], vec![], "'   42'"),
        ("{{}} {{{}}}", vec![i(7)], vec![], "'{} {7}'"),
        ("{!a}", vec![s("é")], vec![], "\"'\\\\xe9'\""),
        ("{0}{}", vec![i(1), i(2)], vec![], "ValueError: cannot switch from manual field specification to automatic field numbering"),
        ("{}{0}", vec![i(1), i(2)], vec![], "ValueError: cannot switch from automatic field numbering to manual field specification"),
        ("{1}", vec![i(1)], vec![], "IndexError: Replacement index 1 out of range for positional args tuple"),
        ("{}{}", vec![i(1)], vec![], "IndexError: Replacement index 1 out of range for positional args tuple"),
        ("{x}", vec![i(1)], vec![], "KeyError: 'x'"),
        ("}", vec![], vec![], "ValueError: Single '}' encountered in format string"),
        ("{", vec![], vec![], "ValueError: Single '{' encountered in format string"),
        ("{0!x}", vec![i(1)], vec![], "ValueError: Unknown conversion specifier x"),
        ("{0!}", vec![i(1)], vec![], "ValueError: unmatched '{' in format spec"),
        ("{0!rr}", vec![i(1)], vec![], "ValueError: expected ':' after conversion specifier"),
        ("{0[}", vec![i(1)], vec![], "ValueError: expected '}' before end of string"),
        ("{0.}", vec![i(1)], vec![], "ValueError: Empty attribute in format string"),
        ("{0[0]x}", vec![list(vec![i(1)])], vec![], "ValueError: Only '.' or '[' may follow ']' in format field specifier"),
        ("{0[]}", vec![list(vec![i(1)])], vec![], "ValueError: Empty attribute in format string"),
        ("{:{:{}}}", vec![i(1), i(2), i(3)], vec![], "ValueError: Max string recursion exceeded"),
        ("{a.b}", vec![], vec![("a", i(1))], "AttributeError: 'int' object has no attribute 'b'"),
        ("{0[1]}", vec![list(vec![i(1)])], vec![], "IndexError: list index out of range"),
        ("{0['a']}", vec![point.clone()], vec![], "KeyError: \"'a'\""),
        ("{!r}", vec![], vec![], "IndexError: Replacement index 0 out of range for positional args tuple"),
        ("{:d}", vec![s("a")], vec![], "ValueError: Unknown format code 'd' for object of type 'str'"),
        ("{0:}}", vec![i(1)], vec![], "ValueError: Single '}' encountered in format string"),
        ("{ }", vec![i(1)], vec![], "KeyError: ' '"),
        ("{0.__class__}", vec![i(1)], vec![], "\"<class 'int'>\""),
        ("{-1}", vec![i(5)], vec![], "KeyError: '-1'"),
        ("{٠}", vec![s("arabic zero")], vec![], "'arabic zero'"),
        ("{99999999999999999999}", vec![], vec![], "ValueError: Too many decimal digits in format string"),
        ("{:,}", vec![i(1234567)], vec![], "'1,234,567'"),
        ("{:.2f}", vec![Value::Float(1.23456)], vec![], "'1.23'"),
    ];
    let mut failures = Vec::new();
    for (fmt, pos, kw, want) in cases {
        let got = call_kw(&mut interp, &s(fmt), "format", pos, kw);
        if got != want {
            failures.push(format!("{fmt:?}.format: got {got}, want {want}"));
        }
    }
    let map_cases: Vec<(&str, Value, &str)> = vec![
        ("x", i(1), "'x'"),
        ("{a}", dict(vec![]), "KeyError: 'a'"),
        ("{a}", point, "'1'"),
        (
            "{0}",
            dict(vec![]),
            "ValueError: Format string contains positional fields",
        ),
        (
            "{}",
            dict(vec![]),
            "ValueError: Format string contains positional fields",
        ),
        ("{a}", i(1), "TypeError: 'int' object is not subscriptable"),
    ];
    for (fmt, mapping, want) in map_cases {
        let got = call(&mut interp, &s(fmt), "format_map", vec![mapping]);
        if got != want {
            failures.push(format!("{fmt:?}.format_map: got {got}, want {want}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn unbound_and_wrong_receivers() {
    let mut interp = Interp::new(Mode::Script);
    let str_class = Value::Class(interp.types.get(BuiltinType::Str));
    assert_eq!(
        call(&mut interp, &str_class, "split", vec![]),
        "TypeError: unbound method str.split() needs an argument"
    );
    assert_eq!(
        call(&mut interp, &str_class, "split", vec![i(1)]),
        "TypeError: descriptor 'split' for 'str' objects doesn't apply to a 'int' object"
    );
    assert_eq!(call(&mut interp, &str_class, "upper", vec![s("a")]), "'A'");
    assert_eq!(
        call_kw(&mut interp, &s("a"), "upper", vec![], vec![("x", i(1))]),
        "TypeError: str.upper() takes no keyword arguments"
    );
    assert_eq!(
        call_kw(&mut interp, &s("a"), "split", vec![], vec![("foo", i(1))]),
        "TypeError: 'foo' is an invalid keyword argument for split()"
    );
    assert_eq!(
        call_kw(
            &mut interp,
            &s("a b"),
            "split",
            vec![],
            vec![("maxsplit", i(0))]
        ),
        "['a b']"
    );
    assert_eq!(
        call_kw(
            &mut interp,
            &s("a"),
            "split",
            vec![],
            vec![("sep", s(",")), ("maxsplit", i(1)), ("x", i(2))]
        ),
        "TypeError: split() takes at most 2 keyword arguments (3 given)"
    );
    assert_eq!(
        call_kw(
            &mut interp,
            &s("a"),
            "split",
            vec![s(",")],
            vec![("sep", s(","))]
        ),
        "TypeError: argument for split() given by name ('sep') and position (1)"
    );
    assert_eq!(
        call_kw(
            &mut interp,
            &s("a"),
            "find",
            vec![s("a")],
            vec![("x", i(1))]
        ),
        "TypeError: find() takes no keyword arguments"
    );
}

#[test]
fn list_methods() {
    let mut interp = Interp::new(Mode::Script);
    let l = list(vec![i(3), i(1), i(2)]);
    let steps: Vec<(&str, Vec<Value>, &str)> = vec![
        ("append", vec![i(4)], "None"),
        ("extend", vec![tuple(vec![i(5), i(6)])], "None"),
        ("insert", vec![i(-100), i(0)], "None"),
        ("insert", vec![i(100), i(7)], "None"),
        ("pop", vec![], "7"),
        ("pop", vec![i(0)], "0"),
        ("pop", vec![Value::Bool(true)], "1"),
        ("remove", vec![i(4)], "None"),
        ("index", vec![i(6)], "3"),
        ("index", vec![i(2), i(-3)], "1"),
        ("count", vec![Value::Float(3.0)], "1"),
        (
            "sort",
            vec![Value::None],
            "TypeError: sort() takes no positional arguments",
        ),
        ("reverse", vec![], "None"),
        ("copy", vec![], "[6, 5, 2, 3]"),
        ("pop", vec![i(9)], "IndexError: pop index out of range"),
        (
            "pop",
            vec![s("a")],
            "TypeError: 'str' object cannot be interpreted as an integer",
        ),
        (
            "remove",
            vec![i(42)],
            "ValueError: list.remove(x): x not in list",
        ),
        ("index", vec![s("a")], "ValueError: 'a' is not in list"),
        ("index", vec![i(6), i(1)], "ValueError: 6 is not in list"),
        (
            "index",
            vec![i(6), Value::None],
            "TypeError: slice indices must be integers or have an __index__ method",
        ),
        (
            "insert",
            vec![i(1)],
            "TypeError: insert expected 2 arguments, got 1",
        ),
        (
            "append",
            vec![],
            "TypeError: list.append() takes exactly one argument (0 given)",
        ),
        (
            "extend",
            vec![i(1)],
            "TypeError: 'int' object is not iterable",
        ),
        ("clear", vec![], "None"),
        ("pop", vec![], "IndexError: pop from empty list"),
    ];
    let mut failures = Vec::new();
    for (method, pos, want) in steps {
        let got = call(&mut interp, &l, method, pos);
        if got != want {
            failures.push(format!("list.{method}: got {got}, want {want}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let words = list(vec![s("bb"), s("a"), s("ccc"), s("dd")]);
    let key = crate::builtins::native("len", |interp, args| {
        let n = interp.len(args.pos.first().unwrap_or(&Value::None))?;
        Ok(Value::Int(n as i64))
    });
    assert_eq!(
        call_kw(
            &mut interp,
            &words,
            "sort",
            vec![],
            vec![("key", key.clone())]
        ),
        "None"
    );
    assert_eq!(
        interp.repr(&words).ok().as_deref(),
        Some("['a', 'bb', 'dd', 'ccc']")
    );
    assert_eq!(
        call_kw(
            &mut interp,
            &words,
            "sort",
            vec![],
            vec![("key", key), ("reverse", i(1))]
        ),
        "None"
    );
    assert_eq!(
        interp.repr(&words).ok().as_deref(),
        Some("['ccc', 'bb', 'dd', 'a']")
    );
    let mixed = list(vec![i(3), s("a")]);
    assert_eq!(
        call(&mut interp, &mixed, "sort", vec![]),
        "TypeError: '<' not supported between instances of 'str' and 'int'"
    );
    assert_eq!(interp.repr(&mixed).ok().as_deref(), Some("[3, 'a']"));
    assert_eq!(
        call_kw(&mut interp, &mixed, "sort", vec![], vec![("foo", i(2))]),
        "TypeError: 'foo' is an invalid keyword argument for sort()"
    );
}

#[test]
fn tuple_methods() {
    check(vec![
        (tuple(vec![i(1), i(2)]), "index", vec![i(2)], "1"),
        (
            tuple(vec![i(1), i(2)]),
            "index",
            vec![i(2), i(5)],
            "ValueError: tuple.index(x): x not in tuple",
        ),
        (
            tuple(vec![i(1), Value::Float(1.0), Value::Bool(true)]),
            "count",
            vec![i(1)],
            "3",
        ),
        (
            tuple(vec![]),
            "count",
            vec![],
            "TypeError: tuple.count() takes exactly one argument (0 given)",
        ),
    ]);
}

#[test]
fn dict_methods() {
    let mut interp = Interp::new(Mode::Script);
    let d = dict(vec![(s("a"), i(1)), (s("b"), i(2))]);
    let keys = call(&mut interp, &d, "keys", vec![]);
    assert_eq!(keys, "dict_keys(['a', 'b'])");
    let view = interp
        .getattr(&d, "items")
        .and_then(|m| interp.call(&m, Args::default()))
        .expect("items()");
    let values = interp
        .getattr(&d, "values")
        .and_then(|m| interp.call(&m, Args::default()))
        .expect("values()");
    let steps: Vec<(&str, Vec<Value>, &str)> = vec![
        ("get", vec![s("a")], "1"),
        ("get", vec![s("z")], "None"),
        ("get", vec![s("z"), i(0)], "0"),
        (
            "get",
            vec![list(vec![])],
            "TypeError: unhashable type: 'list'",
        ),
        (
            "get",
            vec![],
            "TypeError: get expected at least 1 argument, got 0",
        ),
        ("setdefault", vec![s("c")], "None"),
        ("setdefault", vec![s("a"), i(9)], "1"),
        ("pop", vec![s("c")], "None"),
        ("pop", vec![s("c")], "KeyError: 'c'"),
        ("pop", vec![s("c"), i(5)], "5"),
        (
            "update",
            vec![list(vec![tuple(vec![s("c"), i(3)])])],
            "None",
        ),
        (
            "update",
            vec![i(1)],
            "TypeError: 'int' object is not iterable",
        ),
        (
            "update",
            vec![list(vec![i(1)])],
            "TypeError: cannot convert dictionary update sequence element #0 to a sequence",
        ),
        (
            "update",
            vec![list(vec![tuple(vec![i(1), i(2), i(3)])])],
            "ValueError: dictionary update sequence element #0 has length 3; 2 is required",
        ),
        (
            "update",
            vec![dict(vec![]), dict(vec![])],
            "TypeError: update expected at most 1 argument, got 2",
        ),
        (
            "keys",
            vec![i(1)],
            "TypeError: dict.keys() takes no arguments (1 given)",
        ),
        ("copy", vec![], "{'a': 1, 'b': 2, 'c': 3}"),
        ("popitem", vec![], "('c', 3)"),
        ("fromkeys", vec![s("xy")], "{'x': None, 'y': None}"),
    ];
    let mut failures = Vec::new();
    for (method, pos, want) in steps {
        let got = call(&mut interp, &d, method, pos);
        if got != want {
            failures.push(format!("dict.{method}: got {got}, want {want}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(
        call_kw(&mut interp, &d, "update", vec![], vec![("z", i(26))]),
        "None"
    );
    assert_eq!(
        interp.repr(&view).ok().as_deref(),
        Some("dict_items([('a', 1), ('b', 2), ('z', 26)])")
    );
    assert_eq!(
        interp.repr(&values).ok().as_deref(),
        Some("dict_values([1, 2, 26])")
    );
    assert_eq!(interp.len(&view).ok(), Some(3));
    assert_eq!(
        interp.contains(&view, &tuple(vec![s("z"), i(26)])).ok(),
        Some(true)
    );
    assert_eq!(
        interp.contains(&view, &tuple(vec![s("z"), i(25)])).ok(),
        Some(false)
    );
    assert_eq!(interp.contains(&values, &i(2)).ok(), Some(true));
    assert_eq!(interp.iterate(&view).map(|v| v.len()).ok(), Some(3));
    let dict_class = Value::Class(interp.types.get(BuiltinType::Dict));
    assert_eq!(
        call(
            &mut interp,
            &dict_class,
            "fromkeys",
            vec![s("ab"), list(vec![])]
        ),
        "{'a': [], 'b': []}"
    );
    assert_eq!(
        call(&mut interp, &dict_class, "fromkeys", vec![i(1)]),
        "TypeError: 'int' object is not iterable"
    );
    assert_eq!(
        call(&mut interp, &dict_class, "fromkeys", vec![]),
        "TypeError: fromkeys expected at least 1 argument, got 0"
    );
    assert_eq!(call(&mut interp, &d, "clear", vec![]), "None");
    assert_eq!(
        call(&mut interp, &d, "popitem", vec![]),
        "KeyError: 'popitem(): dictionary is empty'"
    );
    assert_eq!(interp.repr(&view).ok().as_deref(), Some("dict_items([])"));
    assert_eq!(interp.truthy(&view).ok(), Some(false));
    let type_name = interp.type_of(&view).name.to_string();
    assert_eq!(type_name, "dict_items");
    let hashed = interp.hash(&view).map(Value::Int);
    assert_eq!(
        outcome(&mut interp, hashed),
        "TypeError: unhashable type: 'dict_items'"
    );
}

#[test]
fn set_methods() {
    check(vec![
        (
            set(vec![i(1), i(2)]),
            "union",
            vec![list(vec![i(3)]), tuple(vec![i(4)])],
            "{1, 2, 3, 4}",
        ),
        (
            frozenset(vec![i(1)]),
            "union",
            vec![set(vec![i(2)])],
            "frozenset({1, 2})",
        ),
        (
            set(vec![i(1), i(2)]),
            "intersection",
            vec![list(vec![i(2), i(3)]), list(vec![i(2)])],
            "{2}",
        ),
        (set(vec![i(1)]), "intersection", vec![], "{1}"),
        (
            set(vec![i(1), i(2)]),
            "difference",
            vec![list(vec![i(2)])],
            "{1}",
        ),
        (
            set(vec![i(1), i(2)]),
            "symmetric_difference",
            vec![list(vec![i(2), i(3)])],
            "{1, 3}",
        ),
        (
            set(vec![i(1), i(2)]),
            "issubset",
            vec![list(vec![i(1), i(2), i(3)])],
            "True",
        ),
        (
            set(vec![i(1), i(2)]),
            "issuperset",
            vec![list(vec![i(1)])],
            "True",
        ),
        (
            set(vec![i(1), i(2)]),
            "isdisjoint",
            vec![list(vec![i(3)])],
            "True",
        ),
        (
            set(vec![i(1)]),
            "issubset",
            vec![i(1)],
            "TypeError: 'int' object is not iterable",
        ),
        (set(vec![i(1), i(2), i(3)]), "pop", vec![], "1"),
        (
            set(vec![]),
            "pop",
            vec![],
            "KeyError: 'pop from an empty set'",
        ),
        (set(vec![]), "remove", vec![i(1)], "KeyError: 1"),
        (
            set(vec![]),
            "remove",
            vec![list(vec![])],
            "TypeError: unhashable type: 'list'",
        ),
        (
            set(vec![frozenset(vec![])]),
            "remove",
            vec![set(vec![])],
            "None",
        ),
        (
            set(vec![]),
            "add",
            vec![],
            "TypeError: set.add() takes exactly one argument (0 given)",
        ),
        (
            set(vec![]),
            "isdisjoint",
            vec![],
            "TypeError: set.isdisjoint() takes exactly one argument (0 given)",
        ),
        (set(vec![]), "copy", vec![], "set()"),
        (frozenset(vec![i(1)]), "copy", vec![], "frozenset({1})"),
        (
            frozenset(vec![]),
            "add",
            vec![i(1)],
            "AttributeError: 'frozenset' object has no attribute 'add'",
        ),
    ]);
    let mut interp = Interp::new(Mode::Script);
    let x = set(vec![i(1), i(2), i(3)]);
    assert_eq!(
        call(&mut interp, &x, "update", vec![list(vec![i(4)]), s("a")]),
        "None"
    );
    assert_eq!(
        call(
            &mut interp,
            &x,
            "intersection_update",
            vec![list(vec![i(1), i(2), i(4), s("a")])]
        ),
        "None"
    );
    assert_eq!(
        call(&mut interp, &x, "difference_update", vec![list(vec![i(2)])]),
        "None"
    );
    assert_eq!(
        call(
            &mut interp,
            &x,
            "symmetric_difference_update",
            vec![list(vec![i(1), i(9)])]
        ),
        "None"
    );
    assert_eq!(call(&mut interp, &x, "discard", vec![i(100)]), "None");
    assert_eq!(interp.repr(&x).ok().as_deref(), Some("{4, 'a', 9}"));
    assert_eq!(
        call_kw(&mut interp, &x, "update", vec![], vec![("a", i(1))]),
        "TypeError: update() takes no keyword arguments"
    );
}

#[test]
fn number_methods() {
    check(vec![
        (i(-5), "bit_length", vec![], "3"),
        (i(0), "bit_length", vec![], "0"),
        (Value::Bool(true), "bit_length", vec![], "1"),
        (i(255), "bit_count", vec![], "8"),
        (i(-5), "bit_count", vec![], "2"),
        (Value::Bool(true), "conjugate", vec![], "1"),
        (Value::Bool(true), "__index__", vec![], "1"),
        (i(5), "is_integer", vec![], "True"),
        (Value::Bool(true), "as_integer_ratio", vec![], "(1, 1)"),
        (i(255), "to_bytes", vec![i(2), s("little")], "b'\\xff\\x00'"),
        (i(255), "to_bytes", vec![], "b'\\xff'"),
        (i(1024), "to_bytes", vec![i(2)], "b'\\x04\\x00'"),
        (i(0), "to_bytes", vec![i(0)], "b''"),
        (
            i(5),
            "to_bytes",
            vec![i(0), s("big")],
            "OverflowError: int too big to convert",
        ),
        (
            i(-5),
            "to_bytes",
            vec![i(1), s("big")],
            "OverflowError: can't convert negative int to unsigned",
        ),
        (
            i(5),
            "to_bytes",
            vec![i(1), s("middle")],
            "ValueError: byteorder must be either 'little' or 'big'",
        ),
        (
            i(5),
            "to_bytes",
            vec![i(-1), s("big")],
            "ValueError: length argument must be non-negative",
        ),
        (
            i(5),
            "to_bytes",
            vec![i(1), s("big"), i(1)],
            "TypeError: to_bytes() takes at most 2 positional arguments (3 given)",
        ),
        (
            i(5),
            "bit_length",
            vec![i(1)],
            "TypeError: int.bit_length() takes no arguments (1 given)",
        ),
        (Value::Float(2.5), "as_integer_ratio", vec![], "(5, 2)"),
        (
            Value::Float(0.1),
            "as_integer_ratio",
            vec![],
            "(3602879701896397, 36028797018963968)",
        ),
        (Value::Float(-0.0), "as_integer_ratio", vec![], "(0, 1)"),
        (Value::Float(-1.5), "as_integer_ratio", vec![], "(-3, 2)"),
        (
            Value::Float(f64::NAN),
            "as_integer_ratio",
            vec![],
            "ValueError: cannot convert NaN to integer ratio",
        ),
        (
            Value::Float(f64::INFINITY),
            "as_integer_ratio",
            vec![],
            "OverflowError: cannot convert Infinity to integer ratio",
        ),
        (Value::Float(2.0), "is_integer", vec![], "True"),
        (Value::Float(f64::INFINITY), "is_integer", vec![], "False"),
        (Value::Float(2.5), "conjugate", vec![], "2.5"),
    ]);
    let mut interp = Interp::new(Mode::Script);
    let minus_one = i(-1);
    assert_eq!(
        call_kw(
            &mut interp,
            &minus_one,
            "to_bytes",
            vec![i(2), s("big")],
            vec![("signed", Value::Bool(true))]
        ),
        "b'\\xff\\xff'"
    );
    assert_eq!(
        call_kw(
            &mut interp,
            &i(128),
            "to_bytes",
            vec![i(1), s("big")],
            vec![("signed", Value::Bool(true))]
        ),
        "OverflowError: int too big to convert"
    );
    let int_class = Value::Class(interp.types.get(BuiltinType::Int));
    assert_eq!(
        call(
            &mut interp,
            &int_class,
            "from_bytes",
            vec![b(b"\x01\x00"), s("little")]
        ),
        "1"
    );
    assert_eq!(
        call(
            &mut interp,
            &int_class,
            "from_bytes",
            vec![list(vec![i(1), i(2)])]
        ),
        "258"
    );
    assert_eq!(
        call(
            &mut interp,
            &int_class,
            "from_bytes",
            vec![list(vec![i(1), i(256)])]
        ),
        "ValueError: bytes must be in range(0, 256)"
    );
    assert_eq!(
        call(&mut interp, &int_class, "from_bytes", vec![s("ab")]),
        "TypeError: cannot convert 'str' object to bytes"
    );
    assert_eq!(
        call(&mut interp, &int_class, "from_bytes", vec![]),
        "TypeError: from_bytes() missing required argument 'bytes' (pos 1)"
    );
    assert_eq!(
        call_kw(
            &mut interp,
            &int_class,
            "from_bytes",
            vec![b(b"\xff")],
            vec![("signed", Value::Bool(true))]
        ),
        "-1"
    );
    assert_eq!(
        call(&mut interp, &i(7), "from_bytes", vec![b(b"\x02")]),
        "2"
    );
    let bool_class = Value::Class(interp.types.get(BuiltinType::Bool));
    assert_eq!(
        call(&mut interp, &bool_class, "from_bytes", vec![b(b"\x01")]),
        "True"
    );
    let ratio = call(
        &mut interp,
        &Value::Float(5e-324),
        "as_integer_ratio",
        vec![],
    );
    assert!(ratio.starts_with("(1, 2024022533073106183524953467189173070495566497641421183569013580274303395679953468919603837014371244951870778643168119113898087373857934768670133999407385099215174242765663613644669077420932163412397676784727450685620074834246926986181033556491595563408100565123587695523334146152305025321863275086460062633077077410934947"));
}

#[test]
fn bytes_methods() {
    check(vec![
        (b(b"abc"), "hex", vec![], "'616263'"),
        (b(b"abc"), "hex", vec![s("-")], "'61-62-63'"),
        (b(b"abcdef"), "hex", vec![s(":"), i(2)], "'6162:6364:6566'"),
        (b(b"abcde"), "hex", vec![s(":"), i(2)], "'61:6263:6465'"),
        (b(b"abcde"), "hex", vec![s(":"), i(-2)], "'6162:6364:65'"),
        (b(b"abc"), "hex", vec![s("--")], "ValueError: sep must be length 1."),
        (b(b"abc"), "hex", vec![s(":"), i(0)], "'616263'"),
        (b(b"abcd"), "hex", vec![s(":"), i(10)], "'61626364'"),
        (b(b""), "hex", vec![s(":")], "''"),
        (b(b"abc"), "hex", vec![b(b"-")], "'61-62-63'"),
        (b(b"abc"), "hex", vec![s("é")], "ValueError: sep must be ASCII."),
        (b(b"a"), "hex", vec![i(1)], "TypeError: object of type 'int' has no len()"),
        (b(b"abc"), "count", vec![b(b"")], "4"),
        (b(b"abcb"), "count", vec![i(98)], "2"),
        (b(b"a"), "count", vec![i(300)], "ValueError: byte must be in range(0, 256)"),
        (b(b"a"), "count", vec![s("a")], "TypeError: argument should be integer or bytes-like object, not 'str'"),
        (b(b"abcb"), "find", vec![b(b"c")], "2"),
        (b(b"abcb"), "rfind", vec![i(98)], "3"),
        (b(b"abcb"), "index", vec![b(b"x")], "ValueError: subsection not found"),
        (b(b"abc"), "startswith", vec![tuple(vec![b(b"x"), b(b"a")])], "True"),
        (b(b"abc"), "endswith", vec![b(b"bc"), i(1)], "True"),
        (b(b"a"), "startswith", vec![s("a")], "TypeError: startswith first arg must be bytes or a tuple of bytes, not str"),
        (b(b" a  b "), "split", vec![], "[b'a', b'b']"),
        (b(b"  a b  c  "), "rsplit", vec![Value::None, i(1)], "[b'  a b', b'c']"),
        (b(b"  a b  c  "), "split", vec![Value::None, i(1)], "[b'a', b'b  c  ']"),
        (b(b"a,b"), "split", vec![b(b",")], "[b'a', b'b']"),
        (b(b"a,b,c"), "rsplit", vec![b(b","), i(1)], "[b'a,b', b'c']"),
        (b(b"a,,b,"), "split", vec![b(b",")], "[b'a', b'', b'b', b'']"),
        (b(b"a"), "split", vec![i(1)], "TypeError: a bytes-like object is required, not 'int'"),
        (b(b"abc"), "split", vec![b(b"")], "ValueError: empty separator"),
        (b(b","), "join", vec![list(vec![b(b"a"), b(b"b")])], "b'a,b'"),
        (b(b""), "join", vec![list(vec![s("a")])], "TypeError: sequence item 0: expected a bytes-like object, str found"),
        (b(b"aBc\xe9"), "upper", vec![], "b'ABC\\xe9'"),
        (b(b"aBc\xe9"), "lower", vec![], "b'abc\\xe9'"),
        (b(b"  a  "), "strip", vec![], "b'a'"),
        (b(b"xxaxx"), "strip", vec![b(b"x")], "b'a'"),
        (b(b"xxaxx"), "rstrip", vec![b(b"x")], "b'xxa'"),
        (b(b"a"), "strip", vec![s("a")], "TypeError: a bytes-like object is required, not 'str'"),
        (b(b"abc"), "replace", vec![b(b"b"), b(b"XX")], "b'aXXc'"),
        (b(b"abc"), "replace", vec![b(b""), b(b"-")], "b'-a-b-c-'"),
        (b(b"abc"), "replace", vec![b(b""), b(b"-"), i(2)], "b'-a-bc'"),
        (b(b"aaaa"), "replace", vec![b(b"aa"), b(b"b")], "b'bb'"),
        (b(b"abc"), "decode", vec![s("ascii")], "'abc'"),
        (b(b"abc\xff"), "decode", vec![s("utf-8"), s("replace")], "'abc\u{fffd}'"),
        (b(b"abc\xff"), "decode", vec![s("utf-8"), s("ignore")], "'abc'"),
        (b(b"abc\xff"), "decode", vec![s("utf-8"), s("backslashreplace")], "'abc\\\\xff'"),
        (b(b"\xf0\x9f\x98A"), "decode", vec![s("utf-8"), s("replace")], "'\u{fffd}A'"),
        (b(b"\xe9"), "decode", vec![s("latin-1")], "'é'"),
        (b(b"\xff"), "decode", vec![], "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"),
        (b(b"a\xff"), "decode", vec![s("ascii")], "UnicodeDecodeError: 'ascii' codec can't decode byte 0xff in position 1: ordinal not in range(128)"),
        (b(b"\xe9a"), "decode", vec![], "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe9 in position 0: invalid continuation byte"),
        (b(b"\xe9"), "decode", vec![], "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe9 in position 0: unexpected end of data"),
        (b(b"\xf0\x9f\x98"), "decode", vec![], "UnicodeDecodeError: 'utf-8' codec can't decode bytes in position 0-2: unexpected end of data"),
        (b(b"\xed\xa0\x80"), "decode", vec![], "UnicodeDecodeError: 'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte"),
        (b(b"a"), "decode", vec![s("foo")], "LookupError: unknown encoding: foo"),
        (b(b"a"), "decode", vec![s("utf-8"), s("foo")], "'a'"),
        (b(b"\xff"), "decode", vec![s("utf-8"), s("foo")], "LookupError: unknown error handler name 'foo'"),
    ]);
}

#[test]
fn huge_results_raise_memory_error() {
    let mut interp = Interp::new(Mode::Script);
    let long = s(&"ab".repeat(1 << 20));
    assert_eq!(
        call(
            &mut interp,
            &long,
            "replace",
            vec![s(""), s(&"x".repeat(1000))]
        ),
        "MemoryError"
    );
    assert_eq!(
        call(
            &mut interp,
            &long,
            "replace",
            vec![s("a"), s(&"x".repeat(1000))]
        ),
        "MemoryError"
    );
    assert_eq!(
        call(&mut interp, &s("\t\t"), "expandtabs", vec![i(1 << 40)]),
        "MemoryError"
    );
    assert_eq!(
        call(&mut interp, &i(1), "to_bytes", vec![i(1 << 40)]),
        "MemoryError"
    );
    assert_eq!(
        call(
            &mut interp,
            &b(b"ab"),
            "replace",
            vec![b(b""), Value::Bytes(vec![0u8; 1 << 26].into())]
        ),
        "MemoryError"
    );
}

#[test]
fn range_methods() {
    let r = |start, stop, step| Value::Range(Rc::new(RangeObj { start, stop, step }));
    check(vec![
        (r(0, 10, 3), "index", vec![i(6)], "2"),
        (r(10, 0, -2), "index", vec![i(4)], "3"),
        (r(0, 5, 1), "index", vec![Value::Float(2.0)], "2"),
        (
            r(0, 5, 1),
            "index",
            vec![i(7)],
            "ValueError: 7 is not in range",
        ),
        (
            r(0, 5, 1),
            "index",
            vec![s("a")],
            "ValueError: sequence.index(x): x not in sequence",
        ),
        (
            r(0, 5, 1),
            "index",
            vec![],
            "TypeError: range.index() takes exactly one argument (0 given)",
        ),
        (r(0, 5, 1), "count", vec![Value::Float(3.0)], "1"),
        (r(0, 5, 1), "count", vec![Value::Bool(true)], "1"),
        (r(0, 5, 2), "count", vec![i(3)], "0"),
    ]);
}

/// Every method of every built-in type, called with every combination of up
/// to two odd arguments, returns or raises; none may panic.
#[test]
fn no_method_panics_on_odd_arguments() {
    let mut interp = Interp::new(Mode::Script);
    let pool = vec![
        Value::None,
        Value::Bool(true),
        i(-1),
        i(0),
        i(3),
        big("1180591620717411303424"),
        Value::Float(1.5),
        Value::Float(f64::NAN),
        s(""),
        s("aé\tΣ"),
        b(b""),
        b(b"a\xff"),
        list(vec![i(1), s("a")]),
        tuple(vec![i(1), s("x")]),
        dict(vec![(i(1), i(2))]),
        set(vec![i(1)]),
        frozenset(vec![i(2)]),
        Value::Range(Rc::new(RangeObj {
            start: 0,
            stop: 3,
            step: 1,
        })),
    ];
    let kinds = [
        BuiltinType::Str,
        BuiltinType::Bytes,
        BuiltinType::List,
        BuiltinType::Tuple,
        BuiltinType::Dict,
        BuiltinType::Set,
        BuiltinType::FrozenSet,
        BuiltinType::Int,
        BuiltinType::Float,
        BuiltinType::Range,
    ];
    let mut calls = 0;
    for kind in kinds {
        let class = interp.types.get(kind);
        let mut names: Vec<Rc<str>> = class
            .dict
            .borrow()
            .keys()
            .filter(|n| !n.starts_with("__"))
            .cloned()
            .collect();
        names.sort();
        let receivers: Vec<Value> = pool
            .iter()
            .filter(|v| Rc::ptr_eq(&interp.type_of(v), &class))
            .cloned()
            .collect();
        for receiver in &receivers {
            for name in &names {
                let mut arg_lists = vec![vec![]];
                for a in &pool {
                    arg_lists.push(vec![a.clone()]);
                    for b in &pool {
                        arg_lists.push(vec![a.clone(), b.clone()]);
                    }
                }
                for args in arg_lists {
                    // Methods may mutate their receiver: give each call a fresh copy.
                    let receiver = fresh(receiver);
                    let _ = call(&mut interp, &receiver, name, args);
                    calls += 1;
                }
            }
        }
    }
    assert!(calls > 10_000, "only {calls} calls");
}

fn fresh(v: &Value) -> Value {
    match v {
        Value::List(l) => list(l.borrow().clone()),
        Value::Dict(d) => Value::Dict(Rc::new(RefCell::new(d.borrow().copy()))),
        Value::Set(d) => Value::Set(Rc::new(RefCell::new(d.borrow().copy()))),
        other => other.clone(),
    }
}
