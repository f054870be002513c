# Checks << and >> and bitwise operators on big ints.
print(1 << 100, (1 << 100) >> 99, (1 << 1000) >> 998)
print(-1 << 70, (-(1 << 70)) >> 69, -5 >> 1000, 5 >> 1000)
a = (1 << 130) - 1
b = 1 << 64
print(a & b == b, a ^ b, (a | (1 << 200)) >> 128)
print(~(1 << 90), len(bin(1 << 90)) - 2, len(bin(-(1 << 90))) - 3)
print((2 ** 200 - 1) & (2 ** 100 + 12345), (2 ** 100) ^ (2 ** 100))
try:
    1 << -1
except ValueError as e:
    print("ValueError:", e)
