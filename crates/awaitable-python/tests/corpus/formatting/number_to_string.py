# Checks str()/repr() of ints and floats, and int/float round trips.
vals = [0, -1, 10 ** 6, 1.0, 1.25, -2.5e-3, 1e21, 1e-7, 3.0e10, 12.0]
for v in vals:
    print(str(v), repr(v), float(str(v)) == v)
print(str(1e16), str(1e15), str(9999999999999998.0))
print(int(1e15), int(-2.9), int(float("12.000")))
print(str(0.1)[:3], len(str(1 / 3)))
