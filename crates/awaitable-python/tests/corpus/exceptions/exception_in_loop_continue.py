# Checks handling exceptions per item and continuing, plus collecting error messages.
inputs = ["10", "0", "abc", "5", None]
errors = []
results = []
for raw in inputs:
    try:
        results.append(100 // int(raw))
    except ZeroDivisionError as e:
        errors.append(f"{raw!r}: {e}")
    except (ValueError, TypeError) as e:
        errors.append(f"{raw!r}: {type(e).__name__}: {e}")
    else:
        print("ok", raw)
print(results)
for err in errors:
    print(err)
