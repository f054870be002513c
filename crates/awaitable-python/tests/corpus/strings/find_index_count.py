# Checks find/rfind/index/rindex/count including not-found cases.
s = "mississippi"
print(s.find("ss"), s.rfind("ss"), s.find("x"), s.find("i", 5), s.find("i", 5, 7))
print(s.index("p"), s.rindex("s"), s.count("s"), s.count("ss"), s.count(""))
print(s.count("i", 2), "aaaa".count("aa"))
try:
    s.index("z")
except ValueError as e:
    print(e)
print(s.startswith("miss"), s.startswith("iss", 1), s.endswith("pi"), s.endswith(("x", "pi")))
print(s.startswith(("a", "m")), "".startswith(""))
