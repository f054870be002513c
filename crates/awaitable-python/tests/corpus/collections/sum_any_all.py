# Checks sum with start, any/all on empty and non-empty iterables.
print(sum([1, 2, 3]), sum([], 10), sum(range(101)), sum([0.5, 0.25]), sum((1, 2), 3))
print(any([]), all([]), any([0, "", None]), any([0, 1]), all([1, "a"]), all([1, 0]))
print(any(x > 3 for x in range(5)), all(x < 5 for x in range(5)))
print(sum(x * x for x in range(10)), sum(1 for c in "banana" if c == "a"))
print(sum([[1], [2]], []), sum([True, True, False]))
try:
    sum(["a", "b"], "")
except TypeError as e:
    print(e)
