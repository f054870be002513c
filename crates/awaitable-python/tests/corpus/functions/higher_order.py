# Checks functions as values: passing, returning and storing in dicts.
def apply(fn, *args):
    return fn(*args)
def double(x):
    return 2 * x
ops = {"add": lambda a, b: a + b, "mul": lambda a, b: a * b, "pow": pow}
print(apply(double, 21), [ops[k](3, 4) for k in sorted(ops)])
def compose(*fns):
    def run(x):
        for fn in reversed(fns):
            x = fn(x)
        return x
    return run
print(compose(str, double, abs)(-5))
print(list(map(double, filter(lambda n: n % 3 == 0, range(10)))))
def make_adders():
    return {n: (lambda x, n=n: x + n) for n in range(3)}
adders = make_adders()
print(adders[2](40), type(double).__name__)
