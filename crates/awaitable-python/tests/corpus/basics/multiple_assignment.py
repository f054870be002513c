# Checks chained assignment and evaluation order of assignment targets.
a = b = c = 7
print(a, b, c)
x = [0, 0, 0]
i = 0
i, x[i] = 1, 9
print(i, x)
order = []
def f(label, v):
    order.append(label)
    return v
y = [f("left", 1), f("right", 2)][f("index", 0)]
print(y, order)
d = {}
d[f("key", "k")] = f("value", "v")
print(d, order)
