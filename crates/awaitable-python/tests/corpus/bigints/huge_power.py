# Checks huge ** results through their length, first and last digits.
x = 2 ** 10000
s = str(x)
print(len(s), s[:20], s[-20:])
y = 7 ** 5000
print(len(str(y)), str(y)[:10], y % 1000)
print(2 ** 100, 3 ** 80, (-3) ** 41)
print(10 ** 50 + 1, 10 ** 50 - 1)
z = 123456789 ** 20
print(z)
print(len(str(9 ** 9 ** 2)), 9 ** 9 ** 2 % 10 ** 12)
print(2 ** 64, 2 ** 64 - 1, -(2 ** 63))
