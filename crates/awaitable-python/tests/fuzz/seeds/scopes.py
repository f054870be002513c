counter = 0


def outer():
    total = 0

    def inner(step):
        nonlocal total
        total += step
        return total

    return inner


def bump():
    global counter
    counter += 1
    return counter


add = outer()
add(2)
print(add(3), bump(), bump())
x = 5
while x:
    x -= 1
    if x == 3:
        continue
    if x == 1:
        break
    pass
del x
text = """multi
line""" + 'single' + "esc\t\"\\" + r"\raw"
print(text, f"{1 + 1:>4}|{'s'!r}|{3.14159:.2f}", "%d-%s" % (3, "x"))
