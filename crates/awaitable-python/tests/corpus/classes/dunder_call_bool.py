# Checks __call__, __bool__ and __len__-based truthiness.
class Multiplier:
    def __init__(self, k):
        self.k = k
    def __call__(self, x):
        return x * self.k
triple = Multiplier(3)
print(triple(5), list(map(triple, [1, 2])))
class Flag:
    def __init__(self, on):
        self.on = on
    def __bool__(self):
        return self.on
print(bool(Flag(True)), bool(Flag(False)), "yes" if Flag(True) else "no", not Flag(False))
class Empty:
    def __len__(self):
        return 0
print(bool(Empty()), bool(Multiplier(0)))
