# Checks strip/lstrip/rstrip with and without characters, and replace with counts.
s = "  \t hello world \n "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
print("xxhixx".strip("x"), "abcHelloCBA".strip("abcCBA"), "www.example.com".lstrip("cmowz."))
print("banana".replace("a", "o"), "banana".replace("a", "o", 2), "banana".replace("na", ""))
print("aaa".replace("", "-"), "abc".replace("x", "y"))
print("hello".removeprefix("he"), "hello".removesuffix("lo"), "hello".removeprefix("x"))
