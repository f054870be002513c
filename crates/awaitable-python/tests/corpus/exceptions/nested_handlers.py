# Checks nested try blocks, exceptions raised inside handlers and finally ordering.
def log(msg):
    print(msg)
try:
    try:
        log("inner try")
        raise ValueError("first")
    except ValueError as e:
        log("inner except " + str(e))
        raise TypeError("second")
    finally:
        log("inner finally")
except TypeError as e:
    log("outer except " + str(e) + " context=" + repr(e.__context__))
finally:
    log("outer finally")
def deep(n):
    try:
        if n == 0:
            raise LookupError("bottom")
        deep(n - 1)
    finally:
        print("unwinding", n)
try:
    deep(3)
except LookupError as e:
    print("caught", e)
