# Checks in / not in / is / is not across containers and singletons.
lst = [1, 2, 3]
print(2 in lst, 4 in lst, 4 not in lst)
print("b" in "abc", "bc" in "abc", "ac" in "abc", "" in "abc")
d = {"k": 1, "j": 2}
print("k" in d, 1 in d, 2 in d.values(), ("j", 2) in d.items())
print(3 in range(5), 5 in range(5), 4 in range(0, 10, 2), 5 in range(0, 10, 2))
print(None is None, None is not None, [] is [], lst is lst)
a = b = [1]
print(a is b, a == [1], a is [1])
print(1 in (1, 2), (1, 2) in [(1, 2)], 2 in {1: "a", 2: "b"})
s = {1, 2, 3}
print(2 in s, 7 in s)
print(True is True, type(1) is int, type(True) is int)
