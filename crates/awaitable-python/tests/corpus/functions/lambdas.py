# Checks lambda expressions, immediate calls, and lambdas capturing variables.
square = lambda x: x * x
add = lambda a, b=10: a + b
print(square(7), add(1), add(1, 2), (lambda: "no args")())
print(sorted([(1, "b"), (2, "a")], key=lambda p: p[1]))
print(list(map(lambda s: s[::-1], ["abc", "de"])))
fns = [lambda x, i=i: x + i for i in range(3)]
print([fn(10) for fn in fns])
late = [lambda x: x + i for i in range(3)]
print([fn(10) for fn in late])
compose = lambda f, g: lambda x: f(g(x))
inc_then_double = compose(lambda x: x * 2, lambda x: x + 1)
print(inc_then_double(5))
print((lambda *a, **k: (a, k))(1, 2, z=3))
