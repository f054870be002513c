# Checks generator expressions passed directly to calls and their laziness.
print(sum(x * x for x in range(10)))
print(sorted(c for c in "generator" if c not in "aeiou"))
print(",".join(str(n) for n in range(5)))
seen = []
gen = (seen.append(i) or i for i in range(5))
print(seen)
print(next(gen), next(gen), seen)
print(list(gen), seen)
print(min(abs(x - 7) for x in [1, 5, 10, 13]))
pairs = ((a, b) for a in range(3) for b in range(a))
print(list(pairs))
def first_match(pred, items):
    return next((i for i in items if pred(i)), None)
print(first_match(lambda n: n > 3, [1, 5, 7]), first_match(lambda n: n > 30, [1]))
