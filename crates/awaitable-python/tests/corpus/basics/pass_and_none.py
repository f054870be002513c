# Checks pass, None returned by functions, and comparisons with None.
def nothing():
    pass
def implicit(x):
    if x:
        return "truthy"
print(nothing(), implicit(0), implicit(1))
print(nothing() is None, type(None).__name__)
print(repr(None), str(None), None == 0, None == None)
class Empty:
    pass
print(type(Empty()).__name__)
if True:
    pass
print([None] * 3)
