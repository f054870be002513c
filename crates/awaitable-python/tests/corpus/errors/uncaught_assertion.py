# Checks an uncaught AssertionError with a message after some output.
def check(values):
    for v in values:
        print("checking", v)
        assert v >= 0, f"negative value: {v}"
    return True
print(check([1, 2]))
check([3, -4, 5])
