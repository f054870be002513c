# Checks single inheritance, overriding and super() calls.
class Animal:
    def __init__(self, name):
        self.name = name
    def speak(self):
        return "..."
    def intro(self):
        return f"{self.name} says {self.speak()}"
class Dog(Animal):
    def __init__(self, name, breed):
        super().__init__(name)
        self.breed = breed
    def speak(self):
        return "Woof"
class Puppy(Dog):
    def speak(self):
        return super().speak() + " (squeaky)"
for a in [Animal("thing"), Dog("Rex", "lab"), Puppy("Bit", "pug")]:
    print(a.intro())
p = Puppy("Bit", "pug")
print(p.breed, isinstance(p, Animal), isinstance(p, Dog), isinstance(Dog("a", "b"), Puppy))
print(isinstance(Animal("x"), Dog), isinstance(Puppy("x", "y"), Animal))
print(type(p).__name__, type(Dog("a", "b")).__name__)
