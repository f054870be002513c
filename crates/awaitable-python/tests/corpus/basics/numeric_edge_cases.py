# Checks float specials, integer/float equality and comparisons of mixed types.
inf = float("inf")
nan = float("nan")
print(inf, -inf, nan, inf > 10 ** 100, -inf < -10 ** 100)
print(nan == nan, nan != nan, inf == inf, inf - inf)
print(1 == 1.0, 0.1 + 0.2 == 0.3, 2 ** 53 == 2 ** 53 + 1.0)
print(max(1, 2.0), min(3, 2.5), sum([0.5, 0.25, 0.125]))
print(10 / 4, 10 // 4, -10 / 4, 1e300 * 1e10)
print(int(1e20), float(10 ** 20), 3.0 == 3)
try:
    print(1 / 0)
except ZeroDivisionError as e:
    print(e)
try:
    print(1 % 0)
except ZeroDivisionError as e:
    print(e)
try:
    print(1.0 / 0)
except ZeroDivisionError as e:
    print(e)
try:
    print(1.0 // 0.0)
except ZeroDivisionError as e:
    print(e)
