# Checks an uncaught KeyError raised from a nested function call.
inventory = {"apples": 3}
def take(item):
    print("taking", item)
    return inventory[item]
print(take("apples"))
print(take("pears"))
