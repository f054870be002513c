# Checks chained comparisons, including evaluation of the middle operand once.
calls = []
def mid(v):
    calls.append(v)
    return v
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1, 1 == 1 == 1, 1 == 1 != 2)
print(1 < mid(5) < 10, calls)
print(10 < mid(5) < 20, calls)
print(1 < 2 > 1, 1 <= 1 < 2 <= 2)
x = 5
print(0 <= x < 10, 0 <= x < 5, x == 5 > 4)
print("a" < "b" < "c", [1] < [1, 2] < [2])
print((1, 2) < (1, 3), (1, 2, 3) > (1, 2))
print(1 < 2.5 < 3, 2 == 2.0, True == 1, False < True)
