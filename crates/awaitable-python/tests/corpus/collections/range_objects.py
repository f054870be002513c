# Checks range with steps, negative steps, len, indexing and membership.
print(list(range(5)), list(range(2, 8)), list(range(10, 0, -3)), list(range(0)))
print(list(range(5, 1)), list(range(-5, 5, 4)), list(range(0, -10, -2)))
r = range(3, 30, 3)
print(len(r), r[0], r[-1], r[2:5], 9 in r, 10 in r, r.index(12), r.count(3))
print(range(5), range(1, 5), range(1, 5, 2), sum(range(1, 11, 2)))
print(range(10 ** 20)[-1], 10 ** 20 - 1 in range(10 ** 20), len(range(0, 10 ** 6, 7)))
try:
    range(0, 5, 0)
except ValueError as e:
    print(e)
