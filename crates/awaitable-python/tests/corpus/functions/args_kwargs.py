# Checks *args and **kwargs collection and unpacking at call sites.
def f(a, b=2, *args, c=3, **kwargs):
    return (a, b, args, c, kwargs)
print(f(1))
print(f(1, 5, 6, 7))
print(f(1, c=9, z=0, y=1))
print(f(*[1, 2, 3], **{"c": 4, "d": 5}))
def total(*nums):
    return sum(nums)
print(total(), total(1, 2, 3), total(*range(5)))
def describe(**info):
    return ", ".join(f"{k}={v}" for k, v in info.items())
print(describe(b=2, a=1))
def wrapper(*args, **kwargs):
    return f(*args, **kwargs)
print(wrapper(0, 0, 0, c=0, k="k"))
try:
    f()
except TypeError as e:
    print(e)
try:
    f(1, a=2)
except TypeError as e:
    print(e)
try:
    total(x=1)
except TypeError as e:
    print(e)
