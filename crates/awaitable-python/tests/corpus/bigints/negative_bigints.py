# Checks arithmetic, abs, comparisons and str of negative big ints.
n = -(10 ** 45) - 12345
print(n, abs(n), -n, n + 10 ** 45, n * -1 == abs(n))
print(n < -(10 ** 45), n > -(10 ** 46), n == -(10 ** 45) - 12345)
print(str(n)[:6], len(str(n)), int(str(n)) == n)
print(n // 10 ** 40, n % 10 ** 40, -n // 10 ** 40)
print(n >> 100, n << 3, ~n, n & 0xFFFF, n | 1)
print(sorted([10 ** 30, -(10 ** 30), 0, -1, 2 ** 100]))
print(max(-(2 ** 200), -(2 ** 199)), min(-(2 ** 200), -(2 ** 199)) == -(2 ** 200))
