# Checks __len__, __iter__, __getitem__, __contains__ and truthiness via __len__.
class Deck:
    def __init__(self, cards):
        self.cards = list(cards)
    def __len__(self):
        return len(self.cards)
    def __getitem__(self, i):
        return self.cards[i]
    def __iter__(self):
        return iter(self.cards)
    def __contains__(self, card):
        return card in self.cards
d = Deck("AKQJ")
print(len(d), d[0], d[-1], d[1:3], list(d), "Q" in d, "2" in d)
print(bool(d), bool(Deck([])), [c * 2 for c in d], sorted(d))
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(Countdown(4)), sum(Countdown(10)))
for i, v in enumerate(Countdown(2)):
    print(i, v)
