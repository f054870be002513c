# Checks int(), float(), bool() conversions and truthiness.
print(int("42"), int("-7"), int("  12  "), int("ff", 16), int("0b101", 0), int("777", 8))
print(int(3.9), int(-3.9), int(True), int("1_000"))
print(float("1.5"), float("-0"), float("inf"), float("-inf"), float(3))
print(bool(0), bool(1), bool(""), bool("0"), bool([]), bool(0.0), bool(None))
print(round(2.5), round(3.5), round(-2.5), round(0.5), round(1.5))
print(abs(-3), abs(3.5), abs(-0.0))
try:
    int("abc")
except ValueError as e:
    print(e)
try:
    int("1.5")
except ValueError as e:
    print(e)
try:
    float("x")
except ValueError as e:
    print(e)
print(7 / 2, 8 / 2, type(8 / 2).__name__, -7 / 2)
print(True + True, True * 3, 1 + 2.0)
