# Checks augmented assignment operators on ints, strings, lists and subscripts.
x = 10
x += 5; print(x)
x -= 3; print(x)
x *= 2; print(x)
x //= 5; print(x)
x %= 3; print(x)
x **= 3; print(x)
x <<= 4; print(x)
x >>= 2; print(x)
x |= 1; print(x)
x &= 6; print(x)
x ^= 7; print(x)
f = 7
f /= 2; print(f)
s = "ab"
s += "cd"; s *= 2; print(s)
lst = [1]
alias = lst
lst += [2, 3]
print(lst, alias, lst is alias)
t = (1,)
t2 = t
t += (2,)
print(t, t2)
d = {"n": 1}
d["n"] += 41
print(d)
m = [[0, 0], [0, 0]]
m[1][0] -= 5
print(m)
