# Checks the SyntaxError for an unmatched closing bracket.
print("not printed")
data = {"a": 1}
value = data["a"]]
print(value)
