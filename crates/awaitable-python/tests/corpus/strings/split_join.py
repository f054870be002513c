# Checks str.split with and without separators/maxsplit, rsplit and join.
s = "  the quick  brown fox  "
print(s.split())
print(s.split(" "))
print("a,b,,c".split(","), "a,b,,c".split(",", 1), "a,b,c".rsplit(",", 1))
print("".split(), "".split(","), "abc".split("x"))
print("-".join(["a", "b", "c"]), "".join([]), ", ".join("xyz"))
print(" ".join(str(i) for i in range(5)))
print("a  b\tc\nd".split())
print("1<>2<>3".split("<>"))
try:
    "a".split("")
except ValueError as e:
    print(e)
try:
    "-".join([1, 2])
except TypeError as e:
    print(e)
