words = ["asyncio", "await", "task", "loop", "gather"]
lengths = {w: len(w) for w in words if "a" in w}
pairs = [(i, w) for i, w in enumerate(words) if i % 2 == 0]
unique = {len(w) for w in words}
nested = [[x * y for x in range(3)] for y in range(3)]
by_length = sorted(words, key=lambda w: (len(w), w), reverse=True)
first, *rest = by_length
print(lengths, pairs, sorted(unique), nested, first, rest)
print(words[1:3], words[::-1], words[-1], "".join(w[0] for w in words))
a, b = b, a = 1, 2
print(a if a > b else b, not a, a and b, a or b, a is not None, 3 in unique)
total = sum(x for x in range(10))
print(total, min(3, 1, 2), max([4, 9]), abs(-3), divmod(17, 5))
