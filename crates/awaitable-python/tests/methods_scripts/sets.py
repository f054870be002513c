# set and frozenset methods end to end.


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


s = {1, 2, 3}
s.add(4)
s.add(2)
s.discard(10)
s.remove(1)
print(s, len(s))
show(lambda: s.remove(10))
show(lambda: s.add([1]))
print(s.union([5], (6,)), s.intersection([2, 3, 9]), s.difference({2}), s.symmetric_difference([4, 5]))
print(s.issubset(range(10)), s.issuperset([2, 3]), s.isdisjoint([7, 8]), s.isdisjoint([4]))
print(sorted(s | {9}), s & {2, 9}, s - {2}, sorted(s ^ {2, 9}))
t = s.copy()
t.update([7], [8, 9])
print(sorted(t), s)
t.intersection_update(range(5), [2, 3, 4, 7])
print(t)
t.difference_update([2])
print(t)
t.symmetric_difference_update([3, 10])
print(sorted(t))
popped = t.pop()
print(popped in (4, 10), len(t), popped in t)
t.clear()
print(t)
show(lambda: t.pop())
f = frozenset([1, 2, 3])
print(f, f.union([4]), f.intersection([1, 5]), f.copy(), f.issubset([1, 2, 3, 4]))
print(frozenset([1]) == {1}, {1} == frozenset([1]), f | {7})
show(lambda: f.add(1))
show(lambda: set.union(f))
nested = {frozenset([1, 2])}
nested.remove({1, 2})
print(nested)
letters = set("hello")
print(sorted(letters), sorted(letters.union("world")), "l" in letters)
