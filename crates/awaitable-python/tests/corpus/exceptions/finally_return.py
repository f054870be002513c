# Checks that return/break in finally overrides returns and swallows exceptions.
def f1():
    try:
        return "try"
    finally:
        return "finally"
def f2():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"
def f3():
    x = 1
    try:
        return x
    finally:
        x = 2
        print("x set to", x)
def f4():
    for i in range(3):
        try:
            raise KeyError(i)
        finally:
            break
    return "broke out at " + str(i)
print(f1())
print(f2())
print(f3())
print(f4())
