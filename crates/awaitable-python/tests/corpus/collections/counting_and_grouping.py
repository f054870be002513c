# Checks counting, grouping and top-N with sorted and dicts.
text = "it was the best of times it was the worst of times"
freq = {}
for word in text.split():
    freq[word] = freq.get(word, 0) + 1
top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
print(top)
by_letter = {}
for word in sorted(set(text.split())):
    by_letter.setdefault(word[0], []).append(word)
print(by_letter)
lengths = sorted({len(w) for w in text.split()})
print(lengths)
print(sorted(freq, key=freq.get, reverse=True)[:2])
