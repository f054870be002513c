# Checks nonlocal and global statements and UnboundLocalError.
count = 0
def bump():
    global count
    count += 1
bump(); bump()
print(count)
def outer():
    x = 1
    def inner():
        nonlocal x
        x = 2
    inner()
    return x
print(outer())
def define_global():
    global created
    created = "made inside"
define_global()
print(created)
y = 5
def shadow():
    y = 6
    return y
print(shadow(), y)
def broken():
    print(y)
    y = 1
try:
    broken()
except UnboundLocalError as e:
    print(type(e).__name__, e)
