# Checks tuple creation, indexing, count/index, concatenation and comparison.
t = (1, 2, 3, 2)
print(t, t[1], t[-1], t[1:3], t.count(2), t.index(3), len(t))
print((1,), (), tuple([1, 2]), tuple("ab"), (1, 2) + (3,), (0,) * 3)
print((1, 2) == (1, 2), (1, 2) < (1, 3), (2,) > (1, 99), max([(1, "b"), (1, "a")]))
nested = ((1, 2), (3, (4, 5)))
print(nested[1][1][0])
try:
    t[0] = 5
except TypeError as e:
    print(e)
try:
    t[10]
except IndexError as e:
    print(e)
a, b, c, d = t
print(a + b + c + d, sum(t), sorted(t), tuple(sorted(t, reverse=True)))
