# random: seeded sequences match CPython draw for draw, through the language.
import random

random.seed(2024)
print([random.randint(1, 6) for _ in range(20)])
print([round(random.random(), 6) for _ in range(5)])
print(random.choice("abcdefghij"), random.choice(range(1000)), random.choice([None, True, 3.5]))
deck = [rank + suit for suit in "SHDC" for rank in "A23456789TJQK"]
random.shuffle(deck)
print(deck[:10])
print(random.sample(deck, 5), random.sample(range(10 ** 9), 3))
print(random.choices(["red", "green", "blue"], weights=[10, 1, 1], k=12))
print(random.choices("xy", cum_weights=[0.2, 1.0], k=8), random.choices(range(3), k=4))
print(random.sample(["a", "b", "c"], k=6, counts=[3, 2, 1]))
print(random.uniform(-1, 1), random.triangular(0, 10, 7), random.gauss(100, 15), random.gauss(100, 15))
print(random.normalvariate(), random.expovariate(3), random.getrandbits(100), random.randrange(0, 10 ** 20, 7))
print(random.randbytes(6))
state = random.getstate()
first = [random.random() for _ in range(3)]
random.setstate(state)
print(first == [random.random() for _ in range(3)], len(state), len(state[1]), state[0])
for seed in (0, 1, -1, 2 ** 80, 3.5, "Awaitable", b"bytes", True):
    random.seed(seed)
    print(repr(seed)[:12], random.random(), random.randrange(100))
random.seed("legacy", version=1)
print(random.random())
random.seed(None)
x = random.random()
print(0.0 <= x < 1.0)
# No eval(): each call is a lambda with its source beside it; e.args[0] is str(e).
checks = [
    ("random.randint(3, 1)", lambda: random.randint(3, 1)),
    ("random.choice([])", lambda: random.choice([])),
    ("random.randrange(0)", lambda: random.randrange(0)),
    ("random.randrange(1, 10, 0)", lambda: random.randrange(1, 10, 0)),
    ("random.sample({1, 2, 3}, 2)", lambda: random.sample({1, 2, 3}, 2)),
    ("random.sample([1, 2], 3)", lambda: random.sample([1, 2], 3)),
    ("random.choices([1, 2], [1])", lambda: random.choices([1, 2], [1])),
    ("random.seed([1, 2])", lambda: random.seed([1, 2])),
    ("random.getrandbits(-1)", lambda: random.getrandbits(-1)),
    ("random.randint(1)", lambda: random.randint(1)),
    ("random.shuffle((1, 2, 3))", lambda: random.shuffle((1, 2, 3))),
    ("random.setstate((9, (), None))", lambda: random.setstate((9, (), None))),
    ("random.randrange(1.5)", lambda: random.randrange(1.5)),
]


def check(label, call):
    try:
        print(label, "->", call())
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e.args[0])


for label, call in checks:
    check(label, call)
