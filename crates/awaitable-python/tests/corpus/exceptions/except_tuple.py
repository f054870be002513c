# Checks except (A, B), except ordering, and catching by base class.
def trigger(kind):
    if kind == "key":
        return {}["x"]
    if kind == "index":
        return [][0]
    if kind == "type":
        return 1 + "a"
    if kind == "zero":
        return 1 // 0
    return "ok"
for kind in ["key", "index", "type", "zero", "none"]:
    try:
        print(trigger(kind))
    except (KeyError, IndexError) as e:
        print("lookup problem:", type(e).__name__, e)
    except ArithmeticError as e:
        print("arithmetic:", type(e).__name__, e)
    except Exception as e:
        print("other:", type(e).__name__, e)
try:
    [1][5]
except LookupError as e:
    print(isinstance(e, IndexError), isinstance(e, LookupError), isinstance(e, Exception))
