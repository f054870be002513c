# A pure-Python loop: 10**6 iterations of integer arithmetic.
total = 0
i = 0
while i < 1000000:
    total = (total + i * 3) % 1000003
    i += 1
print(total)
