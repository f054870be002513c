# Checks generator functions: yield, laziness, StopIteration, return values.
def countdown(n):
    print("start")
    while n > 0:
        yield n
        n -= 1
    print("end")
g = countdown(3)
print("created")
print(next(g))
print(list(g))
print(list(g))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(10)])
def with_return():
    yield 1
    return "done"
g = with_return()
next(g)
try:
    next(g)
except StopIteration as e:
    print("StopIteration value:", e.value)
def delegating():
    result = yield from with_return()
    yield result
print(list(delegating()))
print(sum(x * x for x in range(10)))
print(max(len(s) for s in ["a", "abc", "ab"]))
