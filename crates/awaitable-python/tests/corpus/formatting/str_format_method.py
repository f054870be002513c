# Checks str.format with positional, named, indexed and attribute fields.
print("{} {} {}".format("a", "b", "c"))
print("{2} {0} {1} {0}".format("a", "b", "c"))
print("{name} is {age}".format(name="Bob", age=30))
print("{0[1]} {d[key]}".format(["x", "y"], d={"key": "val"}))
print("{:>6}|{:<6}|{:^6}|".format("r", "l", "c"))
print("{:.3f} {:,} {:08.2f}".format(3.14159, 1234567, -3.5))
print("{0!r} {0!s}".format("quoted"))
print("{{}} {}".format("braces"))
class Pt:
    x = 3
    y = 4
print("({0.x}, {0.y})".format(Pt()))
print("{:{w}.{p}f}".format(2.71828, w=10, p=3))
print("{a}-{b}".format(**{"a": 1, "b": 2}))
print("{}{}".format(*"xy"))
try:
    "{} {}".format(1)
except IndexError as e:
    print("IndexError:", e)
try:
    "{missing}".format()
except KeyError as e:
    print("KeyError:", e)
