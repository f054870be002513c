# Checks str() and int() of numbers with more than 10,000 digits.
n = 3 ** 25000
s = str(n)
print(len(s), s[:15], s[-15:])
back = int(s)
print(back == n, back - n)
m = int("9" * 12000)
print(m + 1 == 10 ** 12000, len(str(m)), str(m * m)[:5], len(str(m * m)))
neg = int("-" + "1" * 11000)
print(str(neg)[:5], len(str(neg)), neg % 7)
print(int(s[:50]), int(s[-3:]))
