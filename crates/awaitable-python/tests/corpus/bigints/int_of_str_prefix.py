# Checks int(str(5**100000)[:2]) and similar leading-digit extractions.
print(int(str(5 ** 100000)[:2]))
print(int(str(3 ** 100000)[:2]))
print(int(str(2 ** 100000)[:3]), len(str(2 ** 100000)))
print(str(5 ** 100000)[-5:], str(7 ** 10000)[:10])
