# Checks the := operator in if, while, comprehensions and expressions.
data = [3, 8, 1, 9, 4]
if (n := len(data)) > 3:
    print("long list", n)
i = 0
while (item := data[i]) != 9:
    print("item", item)
    i += 1
print("stopped at", item, "index", i)
print([y for x in data if (y := x * 2) > 6])
print(y)
print((total := sum(data)), total + 1)
values = [v for v in range(5) if (last := v)]
print(values, last)
