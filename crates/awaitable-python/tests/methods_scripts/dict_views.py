# dict methods and views end to end.


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


d = {"a": 1, "b": 2}
keys, values, items = d.keys(), d.values(), d.items()
print(keys, values, items)
d["c"] = 3
print(keys, values, items, len(keys), len(items))
print("a" in keys, 2 in values, ("c", 3) in items, ("c", 4) in items, "z" in keys)
print(list(keys), list(values), list(items), sorted(keys, reverse=True))
for k, v in d.items():
    print(k, v, end="; ")
print()
print(type(keys), type(values), type(items))
print(keys == {"a", "b", "c"}, items == {("a", 1), ("b", 2), ("c", 3)}, values == values)
print(sorted(keys & {"a", "z"}), sorted(keys | {"z"}), sorted(keys - {"a"}), sorted(keys ^ {"a", "q"}))
print(keys <= {"a", "b", "c", "d"}, keys < {"a", "b"}, bool({}.keys()), bool(keys))
show(lambda: hash(keys))
print(keys.isdisjoint(["q"]), keys.isdisjoint("abc"), items.isdisjoint([("a", 1)]))
print(d.get("a"), d.get("zz"), d.get("zz", 0), d.setdefault("a", 100), d.setdefault("n", []))
d["n"].append(1)
print(d)
print(d.pop("n"), d.pop("zz", "default"), d.popitem(), d)
show(lambda: d.pop("zz"))
show(lambda: {}.popitem())
show(lambda: d.get([]))
d.update({"x": 10}, y=20)
d.update([("z", 30)])
d.update(b=-2)
print(d)
show(lambda: d.update(5))
show(lambda: d.update([(1, 2, 3)]))
show(lambda: d.update({}, {}))


class Mapping:
    def keys(self):
        return ["m", "n"]

    def __getitem__(self, key):
        return key * 2


d.update(Mapping())
print(d)
c = d.copy()
c["a"] = "changed"
print(d["a"], c["a"])
print(dict.fromkeys("abc"), dict.fromkeys(range(3), 0), {}.fromkeys(["k"], "v"))
shared = dict.fromkeys("xy", [])
shared["x"].append(1)
print(shared)
show(lambda: dict.fromkeys(1))
try:
    for k in d.keys():
        d["new"] = 1
except RuntimeError as e:
    print("RuntimeError:", e)
d.clear()
print(d, keys, len(values))
counts = {}
for word in "the cat and the hat and the bat".split():
    counts[word] = counts.get(word, 0) + 1
print(counts, max(counts, key=counts.get))
print(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
