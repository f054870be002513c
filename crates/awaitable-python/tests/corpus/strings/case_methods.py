# Checks upper/lower/title/capitalize/swapcase and case predicates.
s = "hello wORLD, it's 3pm"
print(s.upper())
print(s.lower())
print(s.title())
print(s.capitalize())
print(s.swapcase())
print("Straße".upper(), "ÉCOLE".lower(), "ǅ".lower())
print("abc".isupper(), "ABC".isupper(), "Abc Def".istitle(), "abc".islower())
