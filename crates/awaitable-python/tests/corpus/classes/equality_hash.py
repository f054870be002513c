# Checks __eq__, __ne__ fallback, __lt__ for sorting, and __hash__ for dict keys.
class Version:
    def __init__(self, major, minor):
        self.major, self.minor = major, minor
    def __eq__(self, other):
        if not isinstance(other, Version):
            return NotImplemented
        return (self.major, self.minor) == (other.major, other.minor)
    def __lt__(self, other):
        return (self.major, self.minor) < (other.major, other.minor)
    def __hash__(self):
        return self.major * 1000 + self.minor
    def __repr__(self):
        return f"v{self.major}.{self.minor}"
a, b, c = Version(1, 2), Version(1, 2), Version(0, 9)
print(a == b, a != b, a == c, a is b, a == "1.2")
print(sorted([a, c, Version(1, 0)]), max([a, c]), c < a)
d = {a: "first"}
d[b] = "second"
print(d, len(d))
class NoEq:
    pass
x = NoEq()
print(x == x, x == NoEq(), x != NoEq())
