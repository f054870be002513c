# Checks that dicts keep insertion order through updates, deletions and re-insertions.
d = {}
for k in ["zeta", "alpha", "mid", 3, 1.5, (1, 2)]:
    d[k] = len(str(k))
print(list(d))
d["alpha"] = 100
print(list(d.items())[:3])
del d["zeta"]
d["zeta"] = 0
print(list(d))
merged = {**{"x": 1, "y": 2}, "z": 3, "x": 9}
print(merged)
print(dict(sorted(d.items(), key=lambda kv: str(kv[0]))))
print(list({3: "c", 1: "a", 2: "b"}.values()))
print({1: "int", 1.0: "float", True: "bool"})
