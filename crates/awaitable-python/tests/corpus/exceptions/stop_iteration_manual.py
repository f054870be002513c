# Checks StopIteration from next(), and exception propagation through generators.
it = iter([1])
print(next(it))
try:
    next(it)
except StopIteration as e:
    print("StopIteration", repr(e))
def gen():
    yield 1
    raise ValueError("inside generator")
g = gen()
print(next(g))
try:
    next(g)
except ValueError as e:
    print("caught", e)
print(next(g, "exhausted"))
def gen_with_finally():
    try:
        yield "a"
        yield "b"
    finally:
        print("cleanup")
g2 = gen_with_finally()
print(next(g2))
g2.close()
print("after close")
g3 = gen_with_finally()
print(list(g3))
