# Checks hex/bin and int() with bases on big ints.
n = 2 ** 200 + 255
print(hex(n))
print(bin(2 ** 70 - 1))
print(hex(8 ** 30), hex(-(2 ** 100)), bin(-(2 ** 65)))
print(int(hex(n), 16) == n, int("f" * 40, 16), int("1" * 80, 2))
print(int("z" * 20, 36), int("-0x" + "ab" * 15, 16))
print(len(hex(3 ** 10000)), hex(3 ** 10000)[-8:])
print(f"{2 ** 80:x}", f"{2 ** 70:,}", f"{-(10 ** 25):_}", f"{10 ** 21:e}")
