# Checks three-argument pow with big numbers, negative exponents and errors.
print(pow(2, 10 ** 6, 10 ** 9 + 7), pow(3, 10 ** 20, 97), pow(7, 2 ** 100, 10 ** 12))
print(pow(-5, 101, 13), pow(5, 101, -13), pow(12345678901234567890, 3, 10 ** 10))
print(pow(3, -1, 11), pow(10, -2, 7), pow(2 ** 90, 3, 1), pow(0, 0, 5))
try:
    pow(2, -1, 4)
except ValueError as e:
    print("ValueError:", e)
try:
    pow(2, 3, 0)
except ValueError as e:
    print("ValueError:", e)
print(pow(2, 100), pow(-2, 101), pow(2, -3))
