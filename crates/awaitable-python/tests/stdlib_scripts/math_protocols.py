# math through the language: dunder protocols, keywords, errors caught in Python.
import math

class Celsius:
    def __init__(self, v):
        self.v = v
    def __float__(self):
        return self.v * 1.0

class Count:
    def __index__(self):
        return 7

class Rounder:
    def __floor__(self):
        return "floored"
    def __ceil__(self):
        return "ceiled"
    def __trunc__(self):
        return "truncated"

class BadFloat:
    def __float__(self):
        return 1

print(math.sqrt(Celsius(2.25)), math.exp(Celsius(0)), math.floor(Celsius(2.5)), math.hypot(Celsius(3), 4))
print(math.factorial(Count()), math.isqrt(Count()), math.gcd(Count(), 21), math.sqrt(Count()), math.log(Count()))
print(math.floor(Rounder()), math.ceil(Rounder()), math.trunc(Rounder()))
print(math.isclose(1.0, 1.0 + 1e-10), math.isclose(a=1, b=1.05, rel_tol=0.1), math.prod(range(1, 6), start=10))
print(math.fsum([0.1] * 10), math.fsum(x / 10 for x in range(1, 11)), math.fsum([1e100, 1.0, -1e100, 1e-100]))
print(math.comb(52, 5), math.perm(10, 3), math.perm(6), math.lcm(4, 6, 10), math.gcd())
print(math.log(10 ** 1000), math.log2(2 ** 4000), math.log10(10 ** 400), math.log(2 ** 64, 2))
print(math.floor(1e300) == 10 ** 300, math.floor(-0.5), math.ceil(-0.5), math.trunc(-7.9), type(math.trunc(3.0)).__name__)
print(math.frexp(1024.0), math.ldexp(0.5, 11), math.modf(-2.25), math.copysign(3, -0.0), math.fmod(-7, 3), -7 % 3)
print(math.dist((1, 2), (4, 6)), math.hypot(*range(10)), math.degrees(math.tau), math.radians(90))
print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan, math.isnan(math.nan), math.isinf(-math.inf))
print(math.atan2(1, 1) * 4 == math.pi, math.sin(math.pi / 6), math.cos(0), round(math.tan(math.pi / 4), 12))
big = math.factorial(1000)
print(len(str(big)), big % 1000003, math.comb(1000, 500) % 1000003)
# No eval(): each call is a lambda with its source beside it; e.args[0] is str(e).
checks = [
    ("math.sqrt(-1)", lambda: math.sqrt(-1)),
    ("math.log(0)", lambda: math.log(0)),
    ("math.exp(1000)", lambda: math.exp(1000)),
    ("math.sqrt('x')", lambda: math.sqrt('x')),
    ("math.factorial(2.5)", lambda: math.factorial(2.5)),
    ("math.factorial(-3)", lambda: math.factorial(-3)),
    ("math.sqrt(BadFloat())", lambda: math.sqrt(BadFloat())),
    ("math.floor(float('inf'))", lambda: math.floor(float('inf'))),
    ("math.floor(float('nan'))", lambda: math.floor(float('nan'))),
    ("math.trunc('x')", lambda: math.trunc('x')),
    ("math.log(8, 1)", lambda: math.log(8, 1)),
    ("math.sqrt(10 ** 400)", lambda: math.sqrt(10 ** 400)),
    ("math.fsum([1e308, 1e308])", lambda: math.fsum([1e308, 1e308])),
    ("math.fsum([math.inf, -math.inf])", lambda: math.fsum([math.inf, -math.inf])),
    ("math.isclose(1, 2, rel_tol=-1)", lambda: math.isclose(1, 2, rel_tol=-1)),
    ("math.comb(-1, 2)", lambda: math.comb(-1, 2)),
    ("math.pow(0, -1)", lambda: math.pow(0, -1)),
    ("math.ldexp(1.0, 2.0)", lambda: math.ldexp(1.0, 2.0)),
    ("math.dist((1,), (1, 2))", lambda: math.dist((1,), (1, 2))),
    ("math.sqrt()", lambda: math.sqrt()),
    ("math.prod()", lambda: math.prod()),
    ("math.gcd(1.5)", lambda: math.gcd(1.5)),
    ("math.hypot(x=1)", lambda: math.hypot(x=1)),
    ("math.isqrt(-4)", lambda: math.isqrt(-4)),
    ("math.acos(2)", lambda: math.acos(2)),
    ("math.atanh(1)", lambda: math.atanh(1)),
    ("math.cosh(1000)", lambda: math.cosh(1000)),
]


def check(label, call):
    try:
        print(label, "->", call())
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e.args[0])


for label, call in checks:
    check(label, call)
