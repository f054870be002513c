# Checks the IndentationError for a missing indented block after an if statement.
print("not printed")
x = 3
if x > 2:
print("x is big")
print("end")
