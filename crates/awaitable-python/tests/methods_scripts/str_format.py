# str.format and str.format_map end to end.


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __format__(self, spec):
        return "P(" + format(self.x, spec) + ", " + format(self.y, spec) + ")"

    def __repr__(self):
        return "Point(%r, %r)" % (self.x, self.y)


p = Point(1.5, 2.25)
print("{} + {} = {}".format(1, 2, 1 + 2))
print("{0}{1}{0}".format("ab", "-"))
print("{name} is {age} years old".format(name="Ada", age=36))
print("{0.x} {0.y} {p.x}".format(p, p=p))
print("{0[0]} {0[1]} {1[key]}".format([10, 20], {"key": "value"}))
print("{!r} {!s} {!a}".format("hé", "hé", "hé"))
print("{:>8}|{:<8}|{:^8}|".format("r", "l", "c"))
print("{:08.3f} {:+d} {:,} {:_b} {:#x} {:e}".format(3.14159, 5, 1234567, 10, 255, 12345.678))
print("{:{w}.{p}f}".format(2.718281828, w=10, p=3))
print("{0:{1}}|".format("ab", 6))
print("{:.2%} {:c}".format(0.1234, 65))
print("{:.3}".format(p), "{}".format(p), "{!r}".format(p))
print("{{literal}} {{{0}}}".format("x"))
print("{0} {1} {0}".format(*["a", "b"]))
print("{a}-{b}".format(**{"a": 1, "b": 2}))
print("{x} and {y}".format_map({"x": 1, "y": [2]}))
show(lambda: "{} {}".format(1))
show(lambda: "{2}".format(1, 2))
show(lambda: "{missing}".format(a=1))
show(lambda: "{0} {}".format(1, 2))
show(lambda: "{} {0}".format(1, 2))
show(lambda: "oops }".format())
show(lambda: "oops {".format())
show(lambda: "{0!z}".format(1))
show(lambda: "{0:d}".format("s"))
show(lambda: "{0.nope}".format(1))
show(lambda: "{0[5]}".format([1]))
show(lambda: "{0[a}".format({}))
show(lambda: "{:{:{}}}".format(1, 2, 3))
show(lambda: "{0}".format_map({}))
show(lambda: "{k}".format_map({}))
show(lambda: "{:x}".format(p))
show(lambda: "{:d}".format(p))
