# Checks random's properties that do not depend on the generator's algorithm.
import random
random.seed(1)
a = random.random()
random.seed(1)
print(a == random.random(), 0.0 <= a < 1.0)
random.seed(42)
rolls = [random.randint(1, 6) for _ in range(200)]
print(min(rolls) >= 1, max(rolls) <= 6, len(rolls))
random.seed(42)
print(rolls == [random.randint(1, 6) for _ in range(200)])
items = ["a", "b", "c", "d"]
picks = [random.choice(items) for _ in range(50)]
print(all(p in items for p in picks))
deck = list(range(10))
random.shuffle(deck)
print(sorted(deck) == list(range(10)), len(deck))
print(random.randint(5, 5), random.choice(["only"]))
random.seed("text seed")
x = random.random()
random.seed("text seed")
print(x == random.random())
