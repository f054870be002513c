# Checks keyword-only and positional-only parameters and their error messages.
def kw(a, *, b, c=3):
    return a + b + c
print(kw(1, b=2), kw(1, c=10, b=2))
try:
    kw(1, 2)
except TypeError as e:
    print(e)
try:
    kw(1)
except TypeError as e:
    print(e)
def pos(a, b, /, c):
    return (a, b, c)
print(pos(1, 2, 3), pos(1, 2, c=3))
try:
    pos(1, b=2, c=3)
except TypeError as e:
    print(e)
def too_many(a):
    return a
try:
    too_many(1, 2)
except TypeError as e:
    print(e)
try:
    too_many(b=1)
except TypeError as e:
    print(e)
