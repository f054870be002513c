# Checks class attributes vs instance attributes and shadowing.
class Counter:
    instances = 0
    shared = []
    def __init__(self):
        Counter.instances += 1
        self.id_number = Counter.instances
c1, c2 = Counter(), Counter()
print(Counter.instances, c1.instances, c1.id_number, c2.id_number)
c1.instances = 99
print(Counter.instances, c1.instances, c2.instances)
c1.shared.append("x")
print(c2.shared, Counter.shared)
Counter.species = "added later"
print(c1.species)
del c1.instances
print(c1.instances)
