# Checks building dicts from zip, enumerate and pairs; unzipping with zip(*...).
keys = ["a", "b", "c"]
vals = [1, 2, 3]
d = dict(zip(keys, vals))
print(d)
pairs = list(d.items())
ks, vs = zip(*pairs)
print(ks, vs)
index = {name: i for i, name in enumerate(keys)}
print(index)
print(dict(enumerate("xy")))
scores = {"ann": [9, 7], "bob": [8, 10, 6]}
avgs = {k: sum(v) / len(v) for k, v in scores.items()}
print(avgs)
best = max(avgs, key=avgs.get)
print(best, round(avgs[best], 2))
