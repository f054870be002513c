# Checks __repr__ and __str__ and where each one is used.
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"Point({self.x!r}, {self.y!r})"
class Named:
    def __init__(self, name):
        self.name = name
    def __str__(self):
        return f"Named {self.name}"
    def __repr__(self):
        return f"<Named {self.name!r}>"
class OnlyRepr:
    def __repr__(self):
        return "OnlyRepr!"
p = Point(1, "a")
n = Named("z")
print(p, str(p), repr(p), [p], (p,), {"k": p})
print(n, str(n), repr(n), [n], f"{n}", f"{n!r}", "%s %r" % (n, n))
print(OnlyRepr(), [OnlyRepr()], str(OnlyRepr()))
