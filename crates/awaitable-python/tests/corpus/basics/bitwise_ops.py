# Checks bitwise operators on positive and negative ints.
print(5 & 3, 5 | 3, 5 ^ 3, ~5, ~-1, -5 & 3)
print(1 << 10, 1024 >> 3, -16 >> 2, -1 >> 100)
print(0b1010, 0o17, 0xff, 1_000_000)
print(bin(10), bin(-10), hex(255), hex(-255))
print(-6 | 1, -6 ^ 1, 12 & -4)
x = 0
for bit in [0, 3, 5]:
    x |= 1 << bit
print(x, bin(x))
