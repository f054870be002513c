# Checks the SyntaxError for return outside a function.
print("not printed")
for i in range(3):
    if i == 1:
        return i
print("end")
