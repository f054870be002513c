# str methods end to end; each line is checked against CPython 3.12.


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


text = "  The quick  brown fox\tjumps\n"
print(text.split())
print(text.split(None, 2))
print(text.rsplit(None, 2))
print("a,b,,c".split(","), "a,b,,c".split(",", 1), "a,b,,c".rsplit(",", 1))
print("k=v=w".partition("="), "k=v=w".rpartition("="), "kvw".partition("="))
print("-".join(["x", "y", "z"]), "".join(c.upper() for c in "abc"))
show(lambda: ", ".join(["a", 1]))
show(lambda: "".join(5))
print(repr(text.strip()), repr(text.lstrip()), repr(text.rstrip()))
print("xxhixx".strip("x"), "<<a>>".strip("<>"), "www.example.com".lstrip("cmowz."))
print("one\ntwo\r\nthree\rfour".splitlines(), "a\nb\n".splitlines(keepends=True))
print("banana".replace("a", "o"), "banana".replace("a", "o", 2), "ab".replace("", "-"))
print("banana".find("an"), "banana".rfind("an"), "banana".find("an", 2), "banana".find("x"))
print("banana".index("na"), "banana".rindex("na"), "banana".count("a"), "banana".count("an", 2))
show(lambda: "banana".index("x"))
print("photo.JPG".lower().endswith((".jpg", ".png")), "abc".startswith("b", 1), "abc".startswith(""))
show(lambda: "abc".startswith(["a"]))
print("hello world".title(), "hello world".capitalize(), "Hello".swapcase(), "ÉCOLE".lower())
print("straße".upper(), "straße".casefold(), "ǆungla".title(), "they're".title())
for s in ["123", "١٢٣", "²", "½", "abc", "Ünï", " \t\n", "", "MiXed", "UPPER", "Title Case", "x_1", "1x"]:
    print(repr(s), s.isdigit(), s.isdecimal(), s.isnumeric(), s.isalpha(), s.isalnum(),
          s.isspace(), s.isupper(), s.islower(), s.istitle(), s.isidentifier(), s.isprintable(), s.isascii())
print("42".zfill(5), "-42".zfill(5), "+7".zfill(3), "abc".zfill(2))
print("[" + "ab".center(7, "*") + "]", "[" + "ab".ljust(5) + "]", "[" + "ab".rjust(5, ".") + "]")
show(lambda: "ab".center(5, "xy"))
print("a\tbc\td".expandtabs(), "a\tbc\td".expandtabs(4), "x\ty".expandtabs(0))
print("café".encode(), "café".encode("latin-1"), "café".encode("ascii", "replace"))
show(lambda: "café".encode("ascii"))
print("TestCase".removeprefix("Test"), "TestCase".removesuffix("Case"), "abc".removeprefix("x"))
table = str.maketrans("abc", "xyz", "d")
print(sorted(table.items()), "aabbccdd".translate(table))
print("hello".translate({ord("l"): "L", ord("o"): None}))
print("héllo wörld".find("wö"), "héllo wörld".index("ö"), len("héllo wörld".split("ö")))
print(str.upper("x"), str.join(",", "ab"))
show(lambda: str.upper(1))
show(lambda: "x".upper(1))
show(lambda: "x".split(sep=",", nope=1))
show(lambda: "x".zfill("3"))
