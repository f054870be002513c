# Checks str.encode to UTF-8 and the resulting bytes values.
s = "café"
b = s.encode()
print(b, len(s), len(b))
print(list(b))
print("abc".encode("utf-8"), "€".encode(), "ascii".encode("ascii"))
print(b.decode(), b"hi" + b"!", b"abc"[0], b"abc"[1:])
try:
    "é".encode("ascii")
except UnicodeEncodeError as e:
    print(type(e).__name__)
