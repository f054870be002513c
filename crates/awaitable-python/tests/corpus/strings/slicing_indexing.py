# Checks string indexing, slicing and IndexError message.
s = "Python"
print(s[0], s[-1], s[2:4], s[::-1], s[::2], s[-3:], s[:0] == "")
try:
    s[10]
except IndexError as e:
    print(e)
try:
    s[0] = "J"
except TypeError as e:
    print(e)
print("J" + s[1:])
print(len(s), len(""), len("日本語"))
for i, ch in enumerate("abc"):
    print(i, ch)
