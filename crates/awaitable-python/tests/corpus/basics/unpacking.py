# Checks tuple/list unpacking, nested targets and starred assignment.
a, b = 1, 2
a, b = b, a
print(a, b)
x, *rest = [1, 2, 3, 4]
print(x, rest)
*init, last = "hello"
print(init, last)
first, *mid, final = range(6)
print(first, mid, final)
(p, q), r = (1, 2), 3
print(p, q, r)
a, *b = [1]
print(a, b)
for i, (k, v) in enumerate([("a", 1), ("b", 2)]):
    print(i, k, v)
print(*[1, 2], *"ab", sep="-")
merged = [*range(3), *[10, 11]]
print(merged)
d = {**{"a": 1}, **{"b": 2, "a": 3}}
print(d)
try:
    u, v = [1, 2, 3]
except ValueError as e:
    print(e)
try:
    u, v, w = [1, 2]
except ValueError as e:
    print(e)
