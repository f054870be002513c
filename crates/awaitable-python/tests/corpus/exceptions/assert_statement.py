# Checks assert with and without messages, and that passing asserts do nothing.
assert 1 + 1 == 2
assert True, "not shown"
try:
    assert 1 > 2
except AssertionError as e:
    print("empty:", repr(e), e.args)
try:
    assert 1 > 2, "one is not greater than two"
except AssertionError as e:
    print("msg:", e)
try:
    x = 5
    assert x < 0, f"x should be negative, got {x}"
except AssertionError as e:
    print(repr(e))
try:
    assert [], ("tuple", "message")
except AssertionError as e:
    print(e.args)
