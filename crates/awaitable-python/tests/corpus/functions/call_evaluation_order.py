# Checks that arguments are evaluated left to right, including keywords and unpacking.
def v(label):
    print("eval", label)
    return label
def f(*args, **kwargs):
    return args, kwargs
print(f(v("a"), v("b"), k=v("c"), *[v("d")], **{"e": v("e")}))
print(v("x") + v("y"))
print([v(1), v(2)][v(0) == 0])
result = v("cond") if v("test") else v("other")
print(result)
