# Checks format specs: width, alignment, fill, sign, grouping, precision, types.
x = 1234567.891
n = 255
print(f"[{n:5}] [{n:<5}] [{n:^5}] [{n:>5}] [{n:05}] [{n:*^9}]")
print(f"[{n:x}] [{n:X}] [{n:#x}] [{n:o}] [{n:#o}] [{n:b}] [{n:#b}] [{n:08b}]")
print(f"[{x:.2f}] [{x:,.2f}] [{x:_.1f}] [{n:,}] [{x:e}] [{x:.3e}] [{x:g}]")
print(f"[{0.5:%}] [{0.125:.1%}] [{-3:+d}] [{3:+d}] [{3: d}] [{-3: d}]")
print(f"[{'abc':10}] [{'abc':>10}] [{'abc':.2}] [{'abc':-^9}]")
print(f"[{-42:=6}] [{-42:06}] [{1e-7:g}] [{123456789.0:g}] [{0.0001:g}]")
print(f"[{3.0:.0f}] [{2.5:.0f}] [{3.5:.0f}] [{1/3:.5f}] [{2/3:.3g}]")
print(f"[{65:c}] [{0x263A:c}]")
print(f"[{True}] [{None}] [{True:d}]")
