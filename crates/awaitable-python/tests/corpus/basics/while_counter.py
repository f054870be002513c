# Checks while loops with complex conditions and the Collatz sequence.
n = 27
steps = 0
peak = n
while n != 1:
    n = n // 2 if n % 2 == 0 else 3 * n + 1
    peak = max(peak, n)
    steps += 1
print(steps, peak)
a, b = 0, 1
fibs = []
while len(fibs) < 15 and a < 300:
    fibs.append(a)
    a, b = b, a + b
print(fibs)
