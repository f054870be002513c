# Checks function decorators, decorators with arguments, and stacking order.
def trace(fn):
    def wrapper(*args, **kwargs):
        print("calling", fn.__name__, args)
        result = fn(*args, **kwargs)
        print("returned", result)
        return result
    return wrapper
@trace
def add(a, b):
    return a + b
add(2, 3)
def repeat(times):
    def deco(fn):
        def wrapper(*a):
            return [fn(*a) for _ in range(times)]
        return wrapper
    return deco
@repeat(3)
def hello(name):
    return "hi " + name
print(hello("x"))
def tag(label):
    def deco(fn):
        print("decorating with", label)
        def wrapper():
            return label + "(" + fn() + ")"
        return wrapper
    return deco
@tag("outer")
@tag("inner")
def core():
    return "core"
print(core())
print(add.__name__)
