# Checks len/ord/chr and methods on non-ASCII strings.
s = "héllo wörld ✓ 日本"
print(len(s), s.upper(), s[1], s[-2:])
print(ord("é"), ord("✓"), ord("日"), chr(233), chr(0x1F600), chr(65))
print(repr("ü"), repr("日本"), str("ü"))
print(sorted("éaz"), "é" > "z", "a" < "é")
print("".join(chr(ord(c) + 1) for c in "HAL"))
print("ÀÉÎ".lower(), "straße".title())
