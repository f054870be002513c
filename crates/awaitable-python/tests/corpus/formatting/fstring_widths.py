# Checks f-string widths and precision given by variables and expressions.
values = [1, 22, 333, 4444]
w = max(len(str(v)) for v in values)
for v in values:
    print(f"|{v:>{w}}|{v:<{w + 2}}|{v:^{w * 2}}|")
for p in range(4):
    print(f"{3.14159:.{p}f}", f"{2.5:{p + 5}.{p}f}|")
fill, align = "*", "^"
print(f"{'mid':{fill}{align}11}")
print(f"{1234.5:>12,.2f}|{-0.5:>8.1f}|{0.05:>6.1f}")
