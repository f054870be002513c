# Checks the IndentationError for a dedent that matches no outer level.
print("not printed")
def f():
        a = 1
    return a
print(f())
