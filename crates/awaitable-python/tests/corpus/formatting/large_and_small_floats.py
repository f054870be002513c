# Checks how very large and very small floats are printed.
for exp in range(14, 19):
    print(exp, 10.0 ** exp, float(10 ** exp) + 0.5)
for exp in range(-3, -7, -1):
    print(exp, 10.0 ** exp, 2.5 * 10.0 ** exp)
print(1e16, 1.5e16, 123e18, 1e-5, 0.00001234)
print(float("1e500"), -float("1e500"), 1e308 * 10)
