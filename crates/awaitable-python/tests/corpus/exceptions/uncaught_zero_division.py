# Checks an uncaught ZeroDivisionError: output before it, then the traceback.
def ratio(a, b):
    return a / b
print("computing ratios")
print(ratio(1, 4))
print(ratio(1, 0))
print("not reached")
