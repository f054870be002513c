# Checks the execution order of try/except/else/finally with and without errors.
def run(fail):
    try:
        print("  try")
        if fail:
            raise ValueError("boom")
        print("  try end")
    except ValueError as e:
        print("  except", e)
    else:
        print("  else")
    finally:
        print("  finally")
    print("  after")
print("no error:")
run(False)
print("error:")
run(True)
def only_finally():
    try:
        return "from try"
    finally:
        print("finally runs before return")
print(only_finally())
for i in range(3):
    try:
        if i == 1:
            continue
        print("body", i)
    finally:
        print("finally", i)
