# Checks bare raise inside except, re-raising a caught exception, and raise in nested calls.
def risky():
    raise KeyError("k")
def middle():
    try:
        risky()
    except KeyError:
        print("middle saw it, re-raising")
        raise
try:
    middle()
except KeyError as e:
    print("outer caught", repr(e))
saved = None
try:
    int("x")
except ValueError as e:
    saved = e
try:
    raise saved
except ValueError as e:
    print("raised saved:", e, e is saved)
try:
    raise TypeError
except TypeError as e:
    print(repr(e), repr(str(e)), e.args)
