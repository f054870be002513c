# Checks that an unclosed parenthesis is reported as a SyntaxError before anything runs.
print("not printed")
values = [1, 2, 3]
total = sum((v * 2 for v in values)
print(total)
x = 1
