# Checks // and % with every sign combination, for ints and floats.
pairs = [(7, 2), (-7, 2), (7, -2), (-7, -2), (6, 3), (-6, 3), (0, -5)]
for a, b in pairs:
    print(a, b, a // b, a % b, divmod(a, b))
fpairs = [(7.5, 2), (-7.5, 2), (7.5, -2), (-7.5, -2.0), (1.0, 0.3)]
for a, b in fpairs:
    print(a, b, a // b, a % b)
print(-1 % 10, 1 % -10, -0.0 % 5)
print(5 // 0.5, -5 // 0.5)
print(divmod(-17, 5), divmod(17, -5), divmod(-17.0, 5))
