# Checks __init__, instance attributes, methods and method calls via the class.
class Account:
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
    def deposit(self, amount):
        self.balance += amount
        return self
    def describe(self):
        return f"{self.owner}: {self.balance}"
a = Account("Ann")
a.deposit(10).deposit(5)
print(a.describe(), a.balance)
b = Account("Bob", 100)
print(Account.describe(b))
m = b.deposit
m(1)
print(b.balance)
a.nickname = "annie"
print(a.nickname, hasattr(b, "nickname"), getattr(b, "nickname", "none"))
setattr(b, "balance", 0)
print(b.describe())
try:
    b.missing
except AttributeError as e:
    print(e)
