# Checks ** with negative exponents, negative bases, floats and right associativity.
print(2 ** 10, 2 ** -1, 2 ** -2, (-2) ** 3, (-2) ** -3)
print(-2 ** 2, (-2) ** 2)
print(2 ** 3 ** 2, (2 ** 3) ** 2)
print(10 ** -3, 4 ** 0.5, 8 ** (1 / 3))
print(0 ** 0, 0.0 ** 0, 1 ** -5)
print(pow(2, -1), pow(3, 2), pow(-3, 3), pow(2.5, 2))
print(type(2 ** 2).__name__, type(2 ** -2).__name__)
print(1.5 ** 2, (-8) ** 2, 10 ** 20, 10.0 ** 20)
x = 3
x **= 4
print(x)
