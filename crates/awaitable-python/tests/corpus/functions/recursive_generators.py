# Checks recursive generators with yield from over a tree and permutations.
tree = (1, (2, (4, None, None), None), (3, None, (5, None, None)))
def inorder(node):
    if node is None:
        return
    value, left, right = node
    yield from inorder(left)
    yield value
    yield from inorder(right)
print(list(inorder(tree)))
def flatten(items):
    for x in items:
        if isinstance(x, list):
            yield from flatten(x)
        else:
            yield x
print(list(flatten([1, [2, [3, [4]], 5], [[6]]])))
def subsets(s):
    if not s:
        yield []
        return
    for rest in subsets(s[1:]):
        yield rest
        yield [s[0]] + rest
print(sorted(subsets([1, 2, 3])))
