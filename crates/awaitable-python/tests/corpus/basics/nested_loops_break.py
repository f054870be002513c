# Checks break/continue only affect the innermost loop, and loop variables persist.
for i in range(3):
    for j in range(3):
        if j == 2:
            break
        if i == j:
            continue
        print(i, j)
print("after", i, j)
count = 0
n = 10
while n > 0:
    n -= 1
    if n % 2:
        continue
    count += 1
print(count, n)
for k in range(5):
    pass
print(k)
