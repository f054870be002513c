# Checks CPython's messages for common builtin errors.
nothing = None
three = 3
cases = [
    lambda: 1 / 0,
    lambda: 1 // 0,
    lambda: 5 % 0,
    lambda: {"a": 1}["b"],
    lambda: [1, 2][2],
    lambda: (1,)[-2],
    lambda: "ab"[5],
    lambda: 1 + "2",
    lambda: "2" + 1,
    lambda: [] + (),
    lambda: len(5),
    lambda: nothing(),
    lambda: three[0],
    lambda: {}[[]],
    lambda: undefined_name,
    lambda: int("12a"),
    lambda: [].pop(),
    lambda: "x".nope,
    lambda: nothing.attr,
    lambda: -1 * "a" + 5,
    lambda: abs("s"),
    lambda: 2 ** "x",
    lambda: [1, 2] < [1, "a"],
]
for fn in cases:
    try:
        fn()
    except Exception as e:
        print(type(e).__name__ + ":", e)
