# Checks for/while loops with else, break and continue.
for n in range(2, 12):
    for d in range(2, n):
        if n % d == 0:
            print(n, "=", d, "*", n // d)
            break
    else:
        print(n, "is prime")
i = 0
while i < 3:
    i += 1
else:
    print("while finished", i)
while True:
    break
else:
    print("not printed")
for x in []:
    pass
else:
    print("empty loop else")
out = []
for x in range(10):
    if x % 3 == 0:
        continue
    if x > 7:
        break
    out.append(x)
print(out)
