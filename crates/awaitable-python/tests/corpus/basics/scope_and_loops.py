# Checks that comprehension variables do not leak and loop variables do.
x = "outer"
squares = [x * x for x in range(4)]
print(squares, x)
for y in range(3):
    pass
print(y)
total = 0
for i in range(1, 101):
    total += i
print(total)
matrix = [[r * 3 + c for c in range(3)] for r in range(3)]
for row in matrix:
    print(*row)
print([row[i] for i, row in enumerate(matrix)])
