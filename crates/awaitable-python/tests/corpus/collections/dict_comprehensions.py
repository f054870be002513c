# Checks dict comprehensions, inversion and counting idioms.
squares = {n: n * n for n in range(6)}
print(squares)
inv = {v: k for k, v in {"a": 1, "b": 2}.items()}
print(inv)
words = "the cat and a hat and the bat on the mat".split()
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
print(counts)
print(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
print({w: len(w) for w in words if len(w) > 2})
grouped = {}
for w in words:
    grouped.setdefault(len(w), []).append(w)
print(grouped)
print({k: v for k, v in sorted(squares.items(), reverse=True) if v % 2 == 0})
