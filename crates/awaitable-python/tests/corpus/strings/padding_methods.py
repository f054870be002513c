# Checks zfill, center, ljust, rjust with default and custom fill characters.
print(repr("42".zfill(5)), repr("-42".zfill(5)), repr("+7".zfill(4)), repr("abc".zfill(2)))
print(repr("hi".center(6)), repr("hi".center(7)), repr("hi".center(7, "*")), repr("odd".center(6, "-")))
print(repr("x".ljust(4)), repr("x".rjust(4, ".")), repr("long".ljust(2)))
for name, score in [("ann", 9), ("bob", 10), ("christine", 7)]:
    print(name.ljust(10) + str(score).rjust(4))
print(repr("a".center(4)), repr("ab".center(5)))
