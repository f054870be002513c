# Checks min/max with key and default, multiple arguments, and errors.
print(min(3, 1, 2), max(3, 1, 2), min([4, 5]), max("abc"))
words = ["pear", "fig", "banana", "kiwi"]
print(min(words, key=len), max(words, key=len), max(words, key=lambda w: w[-1]))
print(min([], default=None), max([], default="empty"), min([7], default=0))
print(max([(1, "a"), (3, "b"), (3, "a")]), min([1, 1.0]), max([1.0, 1]))
print(max(words, key=len, default=""), max({"a": 3, "b": 9}, key=lambda k: {"a": 3, "b": 9}[k]))
try:
    max([])
except ValueError as e:
    print(e)
try:
    min()
except TypeError as e:
    print(e)
