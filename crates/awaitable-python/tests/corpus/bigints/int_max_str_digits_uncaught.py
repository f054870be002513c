# Checks an uncaught ValueError from str() of a too-long int, after some output.
import sys
sys.set_int_max_str_digits(4300)
big = 2 ** 20000
print("bits:", len(bin(big)) - 2)
print("digits in hex:", len(hex(big)) - 2)
print(big)
print("never printed")
