# Checks string comparison, multiplication and concatenation.
print("apple" < "banana", "Apple" < "apple", "abc" < "abd", "ab" < "abc", "" < "a")
print("a" * 3, 3 * "ab", "x" * 0, "x" * -2 == "")
print("abc" == "abc", "abc" != "ABC", "abc".upper() == "ABC")
print(max("hello"), min("hello"), sorted("banana"))
print(sorted(["banana", "Apple", "cherry", "apple"]))
print(sorted(["banana", "Apple", "cherry", "apple"], key=str.lower))
try:
    "a" + 1
except TypeError as e:
    print(e)
try:
    "a" < 1
except TypeError as e:
    print(e)
