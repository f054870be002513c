# Checks list append/extend/insert/pop/remove/index/count/sort/reverse/clear/copy.
lst = [3, 1, 4]
lst.append(1)
lst.extend([5, 9])
lst.insert(0, 2)
lst.insert(100, 6)
lst.insert(-1, 7)
print(lst)
print(lst.pop(), lst.pop(0), lst.pop(-2), lst)
lst.remove(1)
print(lst, lst.index(4), lst.count(1), lst.count(42))
lst.sort()
print(lst)
lst.sort(reverse=True)
print(lst)
lst.reverse()
print(lst)
c = lst.copy()
c.append(0)
print(len(lst), len(c))
c.clear()
print(c)
try:
    lst.remove(42)
except ValueError as e:
    print(e)
try:
    lst.index(42)
except ValueError as e:
    print(e)
try:
    [].pop()
except IndexError as e:
    print(e)
print(lst.index(4, 1), [1, 2] * 3, [[0]] * 2)
