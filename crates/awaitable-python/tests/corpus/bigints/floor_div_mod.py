# Checks // and % on big ints with every sign combination.
a = 3 ** 200
b = 7 ** 50
for x, y in [(a, b), (-a, b), (a, -b), (-a, -b)]:
    q, r = x // y, x % y
    print(q % 10 ** 15, r % 10 ** 15, q * y + r == x, (r == 0) or ((r > 0) == (y > 0)))
print(divmod(10 ** 40, 3), divmod(-10 ** 40, 3))
print(divmod(10 ** 30, -7), divmod(-(10 ** 30), -7))
print(10 ** 40 // 10 ** 20, -(10 ** 40) // 10 ** 20 + 1, (10 ** 40 + 5) % 10)
print(2 ** 100 // 2 ** 99, 2 ** 100 % (2 ** 64 - 1))
print((-1) // 10 ** 30, (-1) % 10 ** 30)
