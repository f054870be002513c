# Checks round() with and without ndigits, including banker's rounding.
print(round(0.5), round(1.5), round(2.5), round(-0.5), round(-1.5))
print(round(2.675, 2), round(1.005, 2), round(0.125, 2), round(0.375, 2))
print(round(3.14159, 3), round(3.14159, 0), round(1234.5678, -2), round(1250, -2), round(1350, -2))
print(round(-2.5), round(7), round(7, 1), round(7.0), type(round(7.0)).__name__, type(round(7.0, 1)).__name__)
print(round(0.1 + 0.2, 1), round(0.25, 1), round(0.35, 1), round(0.45, 1))
print(round(123.456, -1), round(-123.456, 1), round(1e20, 2), round(15, -1), round(25, -1))
