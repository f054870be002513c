# Checks list comprehensions with conditions, nesting and multiple for clauses.
print([x * x for x in range(10) if x % 2])
print([(x, y) for x in range(3) for y in range(x)])
print([[r * c for c in range(1, 4)] for r in range(1, 4)])
matrix = [[1, 2, 3], [4, 5, 6]]
print([list(col) for col in zip(*matrix)])
print([n for row in matrix for n in row if n != 4])
print([c.upper() for c in "abc" if c != "b"])
print([x if x > 0 else 0 for x in [-2, 3, -1, 5]])
print([(i, s) for i, s in enumerate("xyz", start=1)])
words = ["apple", "bob", "kayak", "tree"]
print([w for w in words if w == w[::-1]])
print(sum([[1], [2, 3], []], []))
