# Checks sys.set_int_max_str_digits(4300): str() of a bigger int raises ValueError.
import sys
print(sys.get_int_max_str_digits())
sys.set_int_max_str_digits(4300)
print(sys.get_int_max_str_digits())
print(len(str(10 ** 4299)))
try:
    str(10 ** 4300)
except ValueError as e:
    print(e)
try:
    int("7" * 4301)
except ValueError as e:
    print(e)
print(len(hex(10 ** 5000)) > 4300)
try:
    sys.set_int_max_str_digits(100)
except ValueError as e:
    print(e)
sys.set_int_max_str_digits(0)
print(sys.get_int_max_str_digits(), len(str(10 ** 5000)))
