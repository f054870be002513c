# Checks dict get/items/keys/values/pop/popitem/setdefault/update and ordering.
d = {"b": 2, "a": 1}
d["c"] = 3
print(d, list(d), list(d.keys()), list(d.values()), list(d.items()))
print(d.get("a"), d.get("z"), d.get("z", 0))
print(d.pop("a"), d.pop("zz", "none"), d)
print(d.setdefault("b", 99), d.setdefault("n", []), d)
d["n"].append(1)
d.update({"b": 20, "x": 1})
d.update(y=5)
d.update([("z", 0)])
print(d)
print(d.popitem(), d)
d["b"] = 200
print(list(d))
del d["b"]
d["b"] = 2
print(list(d))
print(len(d), "x" in d, dict(a=1, b=2), dict([(1, "one")]), dict(zip("ab", [1, 2])))
try:
    d["missing"]
except KeyError as e:
    print("KeyError", e)
try:
    {}.popitem()
except KeyError as e:
    print("KeyError", e)
print(dict.fromkeys("abc", 0), {} == dict(), {1: 2} == {1: 2.0})
