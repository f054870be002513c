# int, float and bytes methods end to end.


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


print((255).bit_length(), (-255).bit_length(), (0).bit_length(), (2 ** 100).bit_length())
print((255).bit_count(), (-7).bit_count(), True.bit_length())
print((1024).to_bytes(2, "big"), (1024).to_bytes(2, "little"), (255).to_bytes(), (-2).to_bytes(2, "big", signed=True))
print(int.from_bytes(b"\x04\x00", "big"), int.from_bytes(b"\x04\x00", "little"), int.from_bytes(b"\xfe", signed=True))
print(int.from_bytes([1, 0]), (2 ** 70).to_bytes(9, "big"), int.from_bytes((2 ** 70).to_bytes(9, "big"), "big"))
show(lambda: (256).to_bytes(1, "big"))
show(lambda: (-1).to_bytes(1, "big"))
show(lambda: (1).to_bytes(1, "sideways"))
print((7).conjugate(), (7).is_integer(), (7).as_integer_ratio(), (7).__index__(), (7).real, (7).imag)
print((2.5).is_integer(), (3.0).is_integer(), (0.75).as_integer_ratio(), (-2.5).as_integer_ratio(), (1.5).conjugate())
show(lambda: float("nan").as_integer_ratio())
show(lambda: float("inf").as_integer_ratio())
data = "naïve café".encode()
print(data, len(data), data.decode(), data.decode("utf-8"), data.hex())
print(data.hex(" "), data.hex(":", 4), b"\x00\xff".hex())
print(data.count(b"a"), data.find(b"caf"), data.find(99), data.rfind(b"a"), data.index(b"v"))
print(data.startswith(b"na"), data.endswith((b"x", b"\xa9")), data.upper(), b"ABC".lower())
print(b"a b  c".split(), b"a,b,,c".split(b","), b"a,b,c".rsplit(b",", 1), b"-".join([b"x", b"y"]))
print(b"  pad  ".strip(), b"xxpadxx".strip(b"x"), b"aaa".replace(b"a", b"bb", 2))
print(b"caf\xe9".decode("latin-1"), b"abc\xff".decode("utf-8", "replace"), b"abc\xff".decode("ascii", "ignore"))
show(lambda: b"caf\xe9".decode())
show(lambda: b"\xe2\x82".decode())
show(lambda: b"abc".decode("klingon"))
show(lambda: b"abc".find("a"))
show(lambda: b"".join(["a"]))
show(lambda: b"abc".index(b"z"))
