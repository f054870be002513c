# The course's calcul(5): 5**1000000, then its first two digits.
import sys
if hasattr(sys, "set_int_max_str_digits"):
    sys.set_int_max_str_digits(0)

def calcul(x):
    x = x ** 1000000
    y = int(str(x)[:2])
    print(y)

calcul(5)
