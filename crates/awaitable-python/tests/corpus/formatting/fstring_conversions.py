# Checks !r, !s and the = specifier in f-strings.
s = "text"
n = 42
lst = ["a", 1]
print(f"{s!r} {s!s} {s}")
print(f"{lst!r} {lst!s}")
print(f"{n=}")
print(f"{s=}")
print(f"{n + 1=}")
print(f"{n = }")
print(f"{s=!s}")
print(f"{n=:5d}|")
print(f"{3.5=}")
class P:
    def __repr__(self):
        return "P()"
    def __str__(self):
        return "a P"
p = P()
print(f"{p} {p!r} {p!s} {p=}")
