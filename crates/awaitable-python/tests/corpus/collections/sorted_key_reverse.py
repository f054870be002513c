# Checks sorted() and list.sort() with key and reverse, including stability.
people = [("Daniel", 34), ("Donna", 28), ("Diane", 34), ("Al", 28)]
print(sorted(people))
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: p[1], reverse=True))
print(sorted(people, key=lambda p: (-p[1], p[0])))
print(sorted(["bb", "a", "ccc", "dd"], key=len))
print(sorted(["bb", "a", "ccc", "dd"], key=len, reverse=True))
print(sorted([3, -1, -4, 2], key=abs), sorted("Hello World".split(), key=str.lower))
nums = [5, 2, 8, 1]
nums.sort(key=lambda n: n % 3)
print(nums)
print(sorted({"b": 1, "a": 2}), sorted({"b": 1, "a": 2}.items(), key=lambda kv: kv[1]))
try:
    sorted([1, "a"])
except TypeError as e:
    print(e)
