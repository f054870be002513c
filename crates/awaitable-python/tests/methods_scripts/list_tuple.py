# list and tuple methods end to end.


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


items = [5, 3, 8]
items.append(1)
items.extend(range(2))
items.insert(0, 99)
items.insert(-1, 42)
items.insert(100, 7)
print(items, len(items))
print(items.pop(), items.pop(0), items.pop(-2), items)
items.remove(8)
print(items, items.index(1), items.count(3), items.index(3, 1))
show(lambda: items.remove(1000))
show(lambda: items.index("z"))
show(lambda: [].pop())
show(lambda: [1].pop(3))
show(lambda: items.append())
show(lambda: items.sort(key=len, bad=1))
show(lambda: [3, "x", 1].sort())
copy = items.copy()
items.reverse()
print(items, copy, copy is items)
items.clear()
print(items, copy)

words = ["pear", "Fig", "apple", "kiwi", "Banana", "fig"]
words.sort()
print(words)
words.sort(key=str.lower)
print(words)
words.sort(key=len, reverse=True)
print(words)
pairs = [(2, "b"), (1, "z"), (2, "a"), (1, "y")]
pairs.sort(key=lambda p: p[0])
print(pairs)
print(sorted(pairs, reverse=True))


class Loud:
    def __init__(self, n):
        self.n = n

    def __eq__(self, other):
        print("eq", self.n, other)
        return self.n == other


loud = [Loud(1), Loud(2), Loud(3)]
print(loud.index(2), loud.count(3))
print(2 in loud)

victims = [3, 1, 2]


def meddle(x):
    victims.append(x)
    return x


show(lambda: victims.sort(key=meddle))
print(victims)

t = (1, 2, 3, 2, 1)
print(t.index(2), t.index(2, 2), t.count(1), t.count(9))
show(lambda: t.index(9))
show(lambda: t.count())
nested = [[1, 2], [1, 2], (1, 2)]
print(nested.count([1, 2]), nested.index((1, 2)))
show(lambda: sorted([1, "a"]))
show(lambda: sorted([3, 2, "a"]))
show(lambda: sorted([1, 2, "a"], reverse=True))
show(lambda: ["b", "a", 1].sort(reverse=True))


class Noisy:
    def __init__(self, n):
        self.n = n

    def __lt__(self, other):
        print("lt", self.n, other.n)
        return self.n < other.n

    def __repr__(self):
        return "N%d" % self.n


print(sorted([Noisy(3), Noisy(1), Noisy(2), Noisy(5), Noisy(4)]))
print(sorted([Noisy(1), Noisy(2), Noisy(2)], reverse=True))
print(sorted(range(100), key=lambda n: (n % 7, -n))[:10])
