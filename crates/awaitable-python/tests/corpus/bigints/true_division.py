# Checks / on big ints producing floats, and OverflowError for too-large results.
print(10 ** 30 / 10 ** 10, 2 ** 100 / 2 ** 99, 1 / 2 ** 10, (10 ** 20 + 1) / 10)
print(10 ** 400 / 10 ** 399, 3 ** 300 / 3 ** 299)
try:
    print(10 ** 400 / 3)
except OverflowError as e:
    print("OverflowError:", e)
try:
    print(float(10 ** 400))
except OverflowError as e:
    print("OverflowError:", e)
print(float(2 ** 1023), int(1e300) == 10 ** 300, int(1e22) == 10 ** 22)
