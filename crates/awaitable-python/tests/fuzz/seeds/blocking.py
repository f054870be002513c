import time


def slow_square(x):
    time.sleep(0.1)
    return x * x


total = 0
for value in range(1, 4):
    total += slow_square(value)
else:
    print("loop finished")

big = 2**200 + 3**100
print(big % 1_000_007, len(str(7 ** 1000)), -17 // 5, -17 % 5, 7 / 2, 2 ** -1)
print(0x1F, 0o17, 0b101, 1e3, 1.5e-3, 10**20 // 3)
