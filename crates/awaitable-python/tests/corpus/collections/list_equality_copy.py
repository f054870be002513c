# Checks list equality, identity, slicing copies and in-place operations.
a = [1, [2, 3]]
b = a[:]
c = list(a)
print(a == b == c, a is b, a[1] is b[1])
b[1].append(4)
print(a, c)
x = [1, 2, 3]
y = x
x = x + [4]
print(x, y)
y *= 2
print(y, [1, 2] < [1, 2, 0], [2] > [1, 9], [] == [])
print([1, 2, 3][::-1] == list(reversed([1, 2, 3])))
print(list(range(3)) + list("ab"), [0] * 0)
