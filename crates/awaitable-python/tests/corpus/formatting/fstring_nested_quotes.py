# Checks f-strings mixing quote styles, dict access and calls in replacement fields.
data = {"name": "Diane", "scores": [7, 9, 8]}
print(f"{data['name']} scored {sum(data['scores'])}")
print(f'{data["name"]!r} best={max(data["scores"])}')
print(f"{', '.join(str(s) for s in data['scores'])}")
print(f"{len(data):d} keys; first={list(data)[0]}")
print(f"{'%.1f' % 2.25} and {'{:.1f}'.format(2.35)}")
print(f"{(lambda v: v * 3)(4)}")
print(f"{'a' 'b'}")
vals = [1.0, 2.5]
print(f"{vals} {vals[-1]:.3f} {vals[0]!r:>6}")
