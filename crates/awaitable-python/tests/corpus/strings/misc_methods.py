# Checks expandtabs, str()/repr() of values, and string building patterns.
print(repr("a\tb".expandtabs(4)))
words = ["alpha", "beta", "gamma"]
print(" | ".join(w.capitalize() for w in words))
acc = ""
for i in range(5):
    acc += str(i)
print(acc, acc[::-1], int(acc[::-1]) + 1)
print(str(123), str(1.5), str(True), str([1, "a"]), str((1,)), str({"a": 1}))
print(repr("abc"), repr(123), repr([1, "a"]))
print("{} items".format(3), "%d%%" % 50)
print("abc".index("c"), "a-b_c".replace("-", " ").replace("_", " ").split())
