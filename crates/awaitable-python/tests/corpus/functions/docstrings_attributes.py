# Checks function __name__, __doc__ and attributes set on functions.
def documented(a, b=1):
    """Adds two numbers."""
    return a + b
print(documented.__name__, documented.__doc__)
def nodoc():
    pass
print(nodoc.__doc__)
documented.calls = 0
documented.calls += 1
print(documented.calls)
print((lambda: 0).__name__)
def outer():
    def inner():
        pass
    return inner
print(outer().__name__, outer().__qualname__)
