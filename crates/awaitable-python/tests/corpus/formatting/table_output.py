# Checks building an aligned table with format specs and separators.
rows = [("Daniel", 10.0), ("Donna", 9.5), ("Diane", 12.25)]
print(f"{'Name':<8}|{'Time':>8}")
print("-" * 17)
for name, t in rows:
    print(f"{name:<8}|{t:>8.2f}")
total = sum(t for _, t in rows)
print(f"{'Total':<8}|{total:>8.2f}")
print(f"{'avg':<8}|{total / len(rows):>8.3f}")
print("%-8s|%8.2f" % ("Max", max(t for _, t in rows)))
