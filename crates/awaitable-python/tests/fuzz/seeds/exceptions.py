def risky(n):
    if n == 0:
        raise ValueError("zero is not allowed")
    return 10 / n


for n in (2, 0, "x"):
    try:
        print(risky(n))
    except ValueError as error:
        print("value error:", error)
    except (TypeError, ZeroDivisionError) as error:
        print(type(error).__name__)
    else:
        print("no error")
    finally:
        print("checked", n)

try:
    try:
        {}["missing"]
    except KeyError:
        raise RuntimeError("wrapped")
except RuntimeError as error:
    print(repr(error))

assert risky(5) == 2.0, "maths"
