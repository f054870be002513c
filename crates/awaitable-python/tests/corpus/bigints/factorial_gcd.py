# Checks math.factorial and math.gcd on big inputs.
import math
f = math.factorial(1000)
s = str(f)
print(len(s), s[:10], len(s) - len(s.rstrip("0")))
print(math.factorial(30), math.factorial(0))
print(math.gcd(2 ** 100, 6 ** 50), math.gcd(10 ** 30 + 1, 10 ** 15), math.gcd(0, 12), math.gcd(-12, 18))
print(math.factorial(25) // math.factorial(23), sum(int(d) for d in str(math.factorial(100))))
