# Checks counting characters, reversing words and palindromes.
sentence = "never odd or even"
counts = {}
for ch in sentence.replace(" ", ""):
    counts[ch] = counts.get(ch, 0) + 1
print(sorted(counts.items()))
print(" ".join(reversed(sentence.split())))
print(" ".join(w[::-1] for w in sentence.split()))
clean = sentence.replace(" ", "")
print(clean == clean[::-1])
print([w for w in ["level", "python", "noon", "abc"] if w == w[::-1]])
