#!/usr/bin/env python3
"""Generate the conformance table for the `format` module from CPython 3.12.

Every expected string in tests/format_cases/table.rs comes from running this
script on CPython 3.12 (the version Awaitable implements); rerun it after
adding cases:

    python3.12 crates/awaitable-python/tests/gen_format_cases.py \
        > crates/awaitable-python/tests/format_cases/table.rs
"""

import struct
import sys

assert sys.version_info[:2] == (3, 12), "generate the table with CPython 3.12"


def rust_str(s):
    out = []
    for ch in s:
        code = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif 32 <= code < 127:
            out.append(ch)
        else:
            out.append("\\u{%x}" % code)
    return '"' + "".join(out) + '"'


def rust_float(x):
    return "f64::from_bits(0x%016x)" % struct.unpack("<Q", struct.pack("<d", x))[0]


def outcome(thunk):
    try:
        return "Ok(%s)" % rust_str(thunk())
    except Exception as e:  # noqa: BLE001 - every Python error is data here
        return "Err((%s, %s))" % (rust_str(type(e).__name__), rust_str(str(e)))


# splitmix64, mirrored in the Rust test so both sides see the same patterns.
def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & 0xFFFFFFFFFFFFFFFF
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & 0xFFFFFFFFFFFFFFFF
    return state, z ^ (z >> 31)


def random_floats(count):
    state = 0x5EED
    values = []
    while len(values) < count:
        state, bits = splitmix64(state)
        x = struct.unpack("<d", struct.pack("<Q", bits))[0]
        if x == x:  # NaN payloads all print as nan; skip them
            values.append(x)
        # Also a "human" number: few digits, modest exponent.
        state, r = splitmix64(state)
        mantissa = r % 10 ** (1 + r % 17)
        exponent = (r >> 40) % 61 - 30
        values.append(float("%de%d" % (mantissa, exponent)))
    return values[:count]


INF = float("inf")
NAN = float("nan")

REPR_FLOATS = [
    0.0, -0.0, 0.1, 0.2, 0.30000000000000004, 1.0, 10.0, 100.0, 1e-05, 0.0001,
    0.001, 1e16, 1e15, 9999999999999998.0, 1234567890123456.0, 12345678901234567.0,
    1e22, 1e23, 5e-324, 1e-323, 2.2250738585072014e-308, 1.7976931348623157e308,
    INF, -INF, NAN, 2.675, 1 / 3, 2 / 3, 123.456, -123.456, 3.141592653589793,
    2.0 ** 53, 2.0 ** 53 + 2, 2e16 + 8, 0.5, 1.5, 9.5367431640625e-07, 1e300, 1e-300,
]
REPR_FLOATS += random_floats(300)

INT_VALUES = [0, 1, -1, 7, 42, -42, 255, 1234567, -1234567, 10 ** 20, -(10 ** 25) + 7, 2 ** 64]
INT_SPECS = [
    "", "d", "5", "<5", "^6", "=+8", "08", "+08", "-08", " 08", " ", "+", ",", "_",
    "012,", "012_", "x", "X", "#x", "#X", "#010x", "_x", "#_b", "o", "#o", "b",
    "#b", "010b", "n", "e", ".2e", "f", ".3f", "g", "%", ".1%", "E", "G", ",.2f",
    "*^12,", "#012_x", "x<10", "=10", "0=10", ">+10", "^+10", "1", "#", "-",
]
INT_CHAR_VALUES = [65, 0, 233, 0x1F600, 0x10FFFF]
INT_CHAR_SPECS = ["c", "5c", "<3c", "05c", "=5c", "x^5c"]
INT_ERRORS = [
    (1, ".2"), (1, "z"), (1, ".2d"), (1, "s"), (1, "5.2s"), (65, "+c"), (65, "-c"),
    (65, "#c"), (1, ",x"), (1, ",c"), (1, "_c"), (1, ",b"), (1, "__"), (1, ",_"),
    (1, "_,"), (1, "5ab"), (1, "."), (1, "\u00e9"), (1, "\x01"), (1, "9" * 20),
    (1, ",n"), (1, "_n"), (-1, "c"), (2 ** 70, "c"), (10 ** 400, "e"), (1, "z,"),
    (1, ".0"), (1, "xx"), (1, "=<5"), (1, "r"),
    # CPython fails to allocate these; the module refuses them up front.
    (1, "9223372036854775807"), (1, "999999999999"),
]

FLOAT_VALUES = [
    0.0, -0.0, 1.0, -1.5, 0.1, 2.675, 0.25, 0.5, 2.5, 1234.5678, -1234.5678, 1e16,
    1e-05, 123456789.123, 5e-324, 1.7976931348623157e308, INF, -INF, NAN, 9.995,
    99.95, 3.14159, -0.0004,
]
FLOAT_SPECS = [
    "", "f", ".2f", ".0f", ".1f", "e", ".3e", "E", "g", ".3g", "G", ".10g", "#g",
    "#.0f", "#.0e", "#", ".2", ".5", "%", ".1%", ",", ",.2f", "_.3f", "015.3f", "+",
    " ", "+.1e", "=+12.2f", ">12", "<12", "^12", "*^12.1f", "z.1f", "z", "n", ".3n",
    "010", "010,.1f", "+010.2e", "#.3", "F", ".3F", "z.0%", ".0", "#.0", ".1g",
    "012,.2f", "0<8", "x=12,.3f",
]
FLOAT_ERRORS = [
    (1.5, "d"), (1.5, "x"), (1.5, "c"), (1.5, "s"), (1.5, ".2147483648f"),
    (1.5, ",n"), (1.5, "_n"), (1.5, "abc"), (1.5, ".b"), (1.5, ".,"),
]
ROUNDING = [
    (2.675, ".2f"), (0.25, ".1f"), (0.5, ".0f"), (1.5, ".0f"), (2.5, ".0f"),
    (0.125, ".2f"), (0.375, ".2f"), (1e22, ".3f"), (1e300, ".0f"), (5e-324, ".3e"),
    (5e-324, ".20e"), (0.1, ".30f"), (0.1, ".25g"), (1 / 3, ".17g"),
    (123.456, "#.10g"), (1e-300, ".5g"), (9.5, ".0e"), (8.5, ".0e"), (0.05, ".1f"),
    (0.15, ".1f"), (0.35, ".1f"), (1e16, ".0f"), (2 ** 0.5, ".50f"), (1e-7, ".3"),
    (123456.0, ".3"), (0.000123456, ".3"), (1e-5, ".0%"),
]

STR_VALUES = ["", "a", "abc", "h\u00e9llo", "\u65e5\u672c\u8a9e", "tab\t"]
STR_SPECS = [
    "", "s", "5", "<5", ">5", "^5", "^6", "*^7", "\u00e9>4", ".2", ".0", "5.2",
    ">5.1s", "010", "03", "x<3", "0>4", "^", "0",
]
STR_ERRORS = [
    ("a", "+"), ("a", " "), ("a", "-"), ("a", "#"), ("a", "=5"), ("a", "z"),
    ("a", "d"), ("a", ","), ("a", "_"), ("a", "5,s"), ("a", "."), ("a", "abc"),
    ("a", "c"), ("a", "99999999999999999999"),
]

PERCENT = [
    ("%d", (42,)), ("%5d", (42,)), ("%-5d|", (42,)), ("%05d", (-42,)), ("%+d", (5,)),
    ("% d", (5,)), ("%+ d", (5,)), ("%i %u", (1, 2)), ("%x", (255,)), ("%X", (255,)),
    ("%#x", (255,)), ("%#X", (255,)), ("%#o", (8,)), ("%o", (-8,)), ("%#08x", (-31,)),
    ("%#8X", (31,)), ("%-#8x|", (31,)), ("%.5d", (-3,)), ("%+.3x", (5,)),
    ("%8.3d", (7,)), ("%08.3d", (7,)), ("%d", (3.99,)), ("%d", (-3.99,)),
    ("%d", (10 ** 30,)), ("%x", (10 ** 30,)), ("%f", (1.5,)), ("%.2f", (2.675,)),
    ("%.1f", (0.25,)), ("%.0f", (0.5,)), ("%.0f", (1.5,)), ("%e", (12345.678,)),
    ("%E", (0.000123,)), ("%g", (1e-5,)), ("%g", (123456789.0,)), ("%G", (1e-10,)),
    ("%#g", (1.0,)), ("%#.0f", (1.0,)), ("%#.0e", (12345.0,)), ("%.0e", (12345.0,)),
    ("%10.3f|", (3.14159,)), ("%-10.3f|", (3.14159,)), ("%010.3f", (-3.14159,)),
    ("%+.2e", (0.0,)), ("%f", (-0.0,)), ("%f", (INF,)), ("%05f", (INF,)),
    ("%F", (-INF,)), ("%f", (NAN,)), ("%+f", (NAN,)), ("%f", (3,)), ("%.3g", (10 ** 20,)),
    ("%s", ("abc",)), ("%5s|", ("abc",)), ("%-5s|", ("abc",)), ("%.2s", ("abc",)),
    ("%05s", ("a",)), ("%+05s", ("a",)), ("%s", (42,)), ("%s", (1.5,)), ("%s", (1e16,)),
    ("%r", ("a'b",)), ("%r", (1.5,)), ("%a", ("\u00e9",)), ("%.3r", ("abcdef",)),
    ("%c", (65,)), ("%c", ("x",)), ("%3c|", (233,)), ("%-3c|", ("z",)), ("%03c", (65,)),
    ("%%", ()), ("100%% sure", ()), ("%s%%", (5,)), ("%*d", (5, 42)), ("%-*d|", (5, 42)),
    ("%*d|", (-5, 42)), ("%.*f", (2, 3.14159)), ("%.*f", (-2, 1.5)), ("%*.*f", (8, 2, 3.14159)),
    ("%(a)s-%(b)d", {"a": "x", "b": 7}), ("%(a(b))s", {"a(b)": 1}), ("%ld %hd %Ld", (1, 2, 3)),
    ("\u00e9%s\u00e9", ("\u00e8",)), ("%s %s", ("a", "b")), ("%5.1s|", ("xyz",)),
    # Errors, in the order CPython reports them.
    ("%", ()), ("abc%", ()), ("%5", (1,)), ("%.", (1,)), ("%(a", {}), ("%(a)", {"a": 1}),
    ("%q", (1,)), ("%lq", (1,)), ("%\u00e9", (1,)), ("\u00e9%\u20ac", (1,)), ("%5%", (1,)),
    ("%d %q", (1, 2)), ("%d", ("a",)), ("%x", (1.5,)), ("%X", ("a",)), ("%o", ([],)),
    ("%f", ("a",)), ("%e", ([],)), ("%d", (INF,)), ("%d", (NAN,)), ("%c", (1.5,)),
    ("%c", ("ab",)), ("%c", (-1,)), ("%c", (0x110000,)), ("%c", (2 ** 70,)),
    ("%99999999999999999999d", (1,)), ("%.99999999999999999999f", (1.0,)),
    ("%.2147483648f", (1.0,)), ("%*d", (2 ** 70, 1)), ("%.*d", (2 ** 31, 1)),
    ("%f", (10 ** 400,)), ("%999999999999d", (1,)), ("%*d", (2 ** 62, 1)),
]

# (base, exponent, offset, sign): the int sign * (base ** exponent + offset).
LIMIT_INTS = [
    (10, 4299, 0, 1), (10, 4300, 0, 1), (10, 4300, -1, 1), (10, 4300, -1, -1),
    (10, 4300, 0, -1), (2, 14284, 0, 1), (2, 14285, 0, 1), (5, 1000000, 0, 1), (7, 0, -1, 1),
]
LIMIT_STR_LENGTHS = [1, 4300, 4301, 5000]

RADIX_INTS = [0, 1, -1, 31, -31, 255, 2 ** 64 + 5, -(3 ** 50)]


def python_type_name(v):
    return type(v).__name__


def rust_percent_arg(v):
    if isinstance(v, bool) or not isinstance(v, (int, float, str)):
        return "A::Other(%s, %s, %s)" % (
            rust_str(python_type_name(v)), rust_str(str(v)), rust_str(repr(v)))
    if isinstance(v, int):
        return "A::Int(%s)" % rust_str(str(v))
    if isinstance(v, float):
        return "A::Float(%s)" % rust_float(v)
    return "A::Str(%s, %s, %s)" % (rust_str(v), rust_str(repr(v)), rust_str(ascii(v)))


def main():
    w = sys.stdout.write
    w("// @generated by tests/gen_format_cases.py on CPython %s; do not edit.\n\n"
      % sys.version.split()[0])
    w("use super::{PercentArgs, A};\n\n")
    w("type Outcome = Result<&'static str, (&'static str, &'static str)>;\n\n")

    w("/// (float, repr(float))\n")
    w("pub const FLOAT_REPR: &[(f64, &str)] = &[\n")
    for x in REPR_FLOATS:
        w("    (%s, %s),\n" % (rust_float(x), rust_str(repr(x))))
    w("];\n\n")

    w("/// (int as decimal text, spec, format(int, spec))\n")
    w("pub const FORMAT_INT: &[(&str, &str, Outcome)] = &[\n")
    cases = [(v, s) for v in INT_VALUES for s in INT_SPECS]
    cases += [(v, s) for v in INT_CHAR_VALUES for s in INT_CHAR_SPECS]
    cases += INT_ERRORS
    for v, s in cases:
        w("    (%s, %s, %s),\n" % (rust_str(str(v)), rust_str(s), outcome(lambda: format(v, s))))
    w("];\n\n")

    w("/// (float, spec, format(float, spec))\n")
    w("pub const FORMAT_FLOAT: &[(f64, &str, Outcome)] = &[\n")
    cases = [(v, s) for v in FLOAT_VALUES for s in FLOAT_SPECS] + FLOAT_ERRORS + ROUNDING
    for v, s in cases:
        w("    (%s, %s, %s),\n" % (rust_float(v), rust_str(s), outcome(lambda: format(v, s))))
    w("];\n\n")

    w("/// (str, spec, format(str, spec))\n")
    w("pub const FORMAT_STR: &[(&str, &str, Outcome)] = &[\n")
    cases = [(v, s) for v in STR_VALUES for s in STR_SPECS] + STR_ERRORS
    for v, s in cases:
        w("    (%s, %s, %s),\n" % (rust_str(v), rust_str(s), outcome(lambda: format(v, s))))
    w("];\n\n")

    w("/// (format, arguments, format % arguments)\n")
    w("pub const PERCENT: &[(&str, PercentArgs, Outcome)] = &[\n")
    for fmt, args in PERCENT:
        if isinstance(args, dict):
            items = ", ".join("(%s, %s)" % (rust_str(k), rust_percent_arg(v)) for k, v in args.items())
            rust_args = "PercentArgs::Map(&[%s])" % items
        else:
            rust_args = "PercentArgs::Tuple(&[%s])" % ", ".join(rust_percent_arg(v) for v in args)
        w("    (%s, %s, %s),\n" % (rust_str(fmt), rust_args, outcome(lambda: fmt % args)))
    w("];\n\n")

    w("/// (base, exponent, offset, sign, str(sign * (base ** exponent + offset)) or its error)\n")
    w("pub const INT_STR_LIMIT: &[(u32, u32, i64, i64, Outcome)] = &[\n")
    for base, exponent, offset, sign in LIMIT_INTS:
        value = sign * (base ** exponent + offset)
        w("    (%d, %d, %d, %d, %s),\n" % (base, exponent, offset, sign,
                                         outcome(lambda: str(value) and "")))
    w("];\n\n")

    w("/// (digit count, int('1' * digit count) or its error)\n")
    w("pub const STR_INT_LIMIT: &[(usize, Outcome)] = &[\n")
    for n in LIMIT_STR_LENGTHS:
        w("    (%d, %s),\n" % (n, outcome(lambda: str(int("1" * n) * 0)[:0])))
    w("];\n\n")

    w("/// (int as decimal text, hex(int), oct(int), bin(int))\n")
    w("pub const RADIX: &[(&str, &str, &str, &str)] = &[\n")
    for v in RADIX_INTS:
        w("    (%s, %s, %s, %s),\n" % tuple(rust_str(t) for t in (str(v), hex(v), oct(v), bin(v))))
    w("];\n")


if __name__ == "__main__":
    main()
