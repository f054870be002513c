# Checks a small class hierarchy with overridden methods calling each other.
class Shape:
    name = "shape"
    def area(self):
        return 0
    def describe(self):
        return f"{self.name} with area {self.area():.2f}"
class Rect(Shape):
    name = "rect"
    def __init__(self, w, h):
        self.w, self.h = w, h
    def area(self):
        return self.w * self.h
class Square(Rect):
    name = "square"
    def __init__(self, s):
        super().__init__(s, s)
class Circle(Shape):
    name = "circle"
    def __init__(self, r):
        self.r = r
    def area(self):
        return 3.14159 * self.r ** 2
shapes = [Rect(2, 3), Square(4), Circle(1), Shape()]
for s in sorted(shapes, key=lambda s: s.area()):
    print(s.describe())
print(sum(s.area() for s in shapes if isinstance(s, Rect)))
