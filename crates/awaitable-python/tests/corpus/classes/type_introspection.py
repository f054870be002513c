# Checks type names, __class__ and __name__ of instances and classes (no addresses printed).
class Item:
    kind = "thing"
    def __init__(self, n):
        self.n = n
i = Item(3)
print(type(i).__name__, i.__class__.__name__, Item.__name__)
print(i.kind, Item.kind, i.n, hasattr(Item, "n"))
print(isinstance(i, Item), type(i) is Item, type(Item).__name__)
print(str(type(i)) == "<class '__main__.Item'>", str(int), str(type("")))
