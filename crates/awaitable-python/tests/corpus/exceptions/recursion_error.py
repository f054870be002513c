# Checks that infinite recursion raises RecursionError, which can be caught.
def forever(n):
    return forever(n + 1)
try:
    forever(0)
except RecursionError as e:
    print(type(e).__name__, isinstance(e, RuntimeError))
    print(str(e).startswith("maximum recursion depth exceeded"))
def count_down(n):
    return n if n == 0 else count_down(n - 1)
print(count_down(200))
print("still running")
