# Checks substring tests with in / not in and iteration over characters.
text = "asynchronous programming"
for word in ["sync", "async", "gram", "Gram", "", " "]:
    print(repr(word), word in text, word not in text)
vowels = sum(1 for c in text if c in "aeiou")
print(vowels)
print([c for c in "hello" if c not in "lo"])
print(list("abc"), tuple("ab"), list(reversed("abc")))
