# Checks the IndentationError for an unexpected indent.
print("not printed")
x = 1
    y = 2
print(x + y)
