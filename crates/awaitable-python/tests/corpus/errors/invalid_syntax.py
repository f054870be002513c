# Checks a generic invalid-syntax error (a keyword used as a name).
print("not printed")
x = 5
class = "reserved"
print(x)
