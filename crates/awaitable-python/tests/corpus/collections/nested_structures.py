# Checks nested lists/dicts, shallow copies and aliasing.
grid = [[0] * 3 for _ in range(3)]
grid[1][1] = 5
print(grid)
bad = [[0] * 3] * 3
bad[1][1] = 5
print(bad)
config = {"db": {"host": "local", "ports": [1, 2]}, "debug": False}
config["db"]["ports"].append(3)
print(config)
shallow = dict(config)
shallow["db"]["host"] = "remote"
shallow["debug"] = True
print(config["db"]["host"], config["debug"])
copy = list(grid)
copy[0] = "replaced"
print(grid[0], copy[0])
print([row[:] for row in grid] == grid)
tree = {"value": 1, "children": [{"value": 2, "children": []}, {"value": 3, "children": [{"value": 4, "children": []}]}]}
def total(node):
    return node["value"] + sum(total(c) for c in node["children"])
print(total(tree))
