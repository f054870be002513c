# Checks big-int addition by computing large Fibonacci numbers.
a, b = 0, 1
for _ in range(1000):
    a, b = b, a + b
print(a)
print(len(str(a)), a % 1000000007)
def fib_pair(n):
    if n == 0:
        return (0, 1)
    x, y = fib_pair(n // 2)
    c = x * (2 * y - x)
    d = x * x + y * y
    return (d, c + d) if n % 2 else (c, d)
print(fib_pair(1000)[0] == a, len(str(fib_pair(100000)[0])))
