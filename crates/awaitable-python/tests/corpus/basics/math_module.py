# Checks math.sqrt/floor/ceil/pi/gcd/factorial/inf/isclose.
import math
print(math.sqrt(16), math.sqrt(2), math.sqrt(0.25))
print(math.floor(2.7), math.floor(-2.7), math.ceil(2.1), math.ceil(-2.1), math.floor(5), type(math.floor(2.5)).__name__)
print(math.pi, round(math.pi, 4), f"{math.pi:.3f}")
print(math.gcd(12, 18), math.gcd(17, 5), math.gcd(0, 0), math.factorial(10))
print(math.inf, -math.inf, math.inf > 10 ** 308, math.inf == float("inf"))
print(math.isclose(0.1 + 0.2, 0.3), 0.1 + 0.2 == 0.3, math.isclose(1.0, 1.1), math.isclose(1.0, 1.05, rel_tol=0.1))
try:
    math.sqrt(-1)
except ValueError as e:
    print("ValueError:", e)
try:
    math.factorial(-1)
except ValueError as e:
    print("ValueError:", e)
print(math.floor(10 ** 20 + 0.5) == 10 ** 20, math.ceil(1e-9))
