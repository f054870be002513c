# Checks isinstance/type on builtin values and tuples of types.
values = [1, 1.0, "1", [1], (1,), {1: 1}, True, None, range(1)]
for v in values:
    print(repr(v), type(v).__name__, isinstance(v, int), isinstance(v, (str, list)))
print(isinstance(True, int), type(True) == int, isinstance(1, float), isinstance(1.0, (int, float)))
print(type(lambda: 0).__name__, type(type).__name__, type(int).__name__)
