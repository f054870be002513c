# Checks super() through several levels with __init__ and __repr__.
class Base:
    def __init__(self):
        self.log = ["Base"]
    def __repr__(self):
        return "Base"
class Middle(Base):
    def __init__(self):
        super().__init__()
        self.log.append("Middle")
    def __repr__(self):
        return "Middle<" + super().__repr__() + ">"
class Leaf(Middle):
    def __init__(self):
        super().__init__()
        self.log.append("Leaf")
    def __repr__(self):
        return "Leaf<" + super().__repr__() + ">"
leaf = Leaf()
print(leaf.log, leaf, repr(Middle()))
class Other(Middle):
    def __init__(self, extra):
        super().__init__()
        self.log.append(extra)
print(Other("x").log, Other("y"))
