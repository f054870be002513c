# Checks args, str() and repr() of builtin exceptions with zero, one or several args.
for exc in [ValueError(), ValueError("msg"), ValueError("a", 1), KeyError("key"), KeyError(), IndexError(3), RuntimeError(None)]:
    print(type(exc).__name__, exc.args, repr(str(exc)), repr(exc))
e = LookupError("a", "b")
print(e.args, str(e), repr(e))
print(repr(StopIteration(5)), StopIteration(5).value)
print(str(Exception("x", "y")), repr(Exception("x", "y")))
print(repr(ZeroDivisionError("division by zero")), repr(AssertionError()))
