# Checks an uncaught IndexError inside a loop after partial output.
values = [10, 20, 30]
print("values:", values)
print("length:", len(values))
for i in range(5):
    print(i, values[i])
