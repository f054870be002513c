# Checks that the `except ... as e` name is deleted after the handler.
e = "before"
try:
    raise ValueError("inside")
except ValueError as e:
    print("handler sees", e)
try:
    print(e)
except NameError as err:
    print("NameError:", err)
def keep():
    try:
        1 / 0
    except ZeroDivisionError as exc:
        saved = exc
    return saved
print(repr(keep()))
