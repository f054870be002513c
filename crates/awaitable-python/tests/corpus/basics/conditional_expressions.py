# Checks conditional expressions, including nesting and laziness.
for n in [-3, 0, 4]:
    print(n, "neg" if n < 0 else "zero" if n == 0 else "pos")
def boom():
    raise RuntimeError("should not run")
x = 1 if True else boom()
print(x)
y = boom() if False else 2
print(y)
print([("even" if i % 2 == 0 else "odd") for i in range(4)])
z = (lambda v: v * 2) if x else None
print(z(21))
print("yes" if [] else "no", "yes" if [0] else "no")
