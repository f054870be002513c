# Checks set operations, printed via sorted() to stay order-independent.
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
print(sorted(a.union([9])), sorted(a.intersection(b, {4})), sorted(a.difference(b)))
print(a <= {1, 2, 3, 4, 5}, {1} < a, a.issubset(a), a.isdisjoint({7}), a > {1})
s = set()
print(s, len(s))
s.add(3)
s.add(3)
print(s)
s.update([1, 2])
s.discard(99)
s.remove(1)
print(sorted(s), len(s))
try:
    s.remove(99)
except KeyError as e:
    print("KeyError", e)
print(sorted({c for c in "mississippi"}), len(set("mississippi")))
print(sorted(set([3, 1, 3, 2])), 2 in s, set([1]) == {1})
print(set() == set(), {1, 2} == {2, 1}, sorted(set("ba")), {1, 2} == {1, 2, 2})
