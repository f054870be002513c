# Checks f-strings with nested expressions, method calls and literal braces.
name = "Ada"
items = [3, 1, 2]
d = {"k": "v"}
print(f"Hello, {name}!")
print(f"{name.upper()} has {len(items)} items, max {max(items)}")
print(f"{items[0] + items[1] * 2}")
print(f"{d['k']} and {'nested' + '!'}")
print(f"{{literal}} {{{name}}}")
print(f"{'yes' if items else 'no'}")
print(f"{[x * 2 for x in items]}")
print(f"{3 + 4 = }", f"sum={3 + 4}")
width = 8
print(f"[{name:>{width}}]", f"[{name:^{width}}]", f"[{3.14159:.{2}f}]")
print(f"{name!r:>8}|")
print(f"""multi
{name}""")
