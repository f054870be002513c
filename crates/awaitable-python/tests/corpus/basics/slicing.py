# Checks slicing with steps, negative indices and out-of-range bounds.
s = list(range(10))
print(s[2:5], s[:3], s[7:], s[-3:], s[:-7])
print(s[::2], s[1::2], s[::-1], s[::-3])
print(s[8:2:-2], s[-1:-5:-1], s[2:8:3])
print(s[100:], s[-100:2], s[5:2], s[::-1][:2])
t = "abcdefgh"
print(t[1:-1], t[::-2], t[-2:], t[:100])
tup = (1, 2, 3, 4, 5)
print(tup[1:4], tup[::-2])
print(range(10)[2:8:2], list(range(10)[::-3]))
s[2:4] = ["x", "y", "z"]
print(s)
s[::3] = [0, 0, 0, 0]
print(s)
try:
    s[::2] = [1]
except ValueError as e:
    print(e)
print(s[-1], t[-8])
