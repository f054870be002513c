# Checks comparisons and arithmetic mixing big ints and floats.
big = 10 ** 30
print(big == 1e30, big < 1e30, 2 ** 53 + 1 > 2.0 ** 53, float(2 ** 53 + 1))
print(big + 0.5, big * 1.0, 3 ** 50 * 0.5)
print(round(2 ** 70 / 3), int(2.0 ** 70) == 2 ** 70, int(-1e25))
print(10 ** 20 == float(10 ** 20), 10 ** 23 == float(10 ** 23), int(1e23))
print(max(2 ** 64, 1.8e19), min(2 ** 64, 1.9e19), abs(-(2 ** 70)))
print(sum([10 ** 20, -(10 ** 20), 0.5]), sum([2 ** 70, 1.0]) == 2.0 ** 70 + 1.0)
