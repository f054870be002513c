# Checks enumerate, zip, map, filter, reversed and iter/next.
print(list(enumerate("abc")), list(enumerate("abc", 10)))
print(list(zip([1, 2, 3], "ab")), list(zip()), list(zip([1], [2], [3])))
print(list(map(str, [1, 2])), list(map(lambda a, b: a * b, [1, 2, 3], [4, 5, 6])))
print(list(filter(None, [0, 1, "", "x", [], [0]])), list(filter(lambda n: n > 1, [1, 2, 3])))
print(list(reversed([1, 2, 3])), list(reversed(range(4))), "".join(reversed("abc")))
it = iter([10, 20])
print(next(it), next(it), next(it, "done"))
try:
    next(it)
except StopIteration:
    print("StopIteration")
m = map(lambda x: x * 10, range(3))
print(list(m), list(m))
z = zip("ab", range(5))
print(next(z), list(z))
