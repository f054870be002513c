# Checks generator send(), close() and the finally block on close.
def echo():
    total = 0
    try:
        while True:
            value = yield total
            if value is not None:
                total += value
    finally:
        print("generator closed, total", total)
g = echo()
print(next(g))
print(g.send(5))
print(g.send(10))
print(next(g))
g.close()
print("after close")
def running_avg():
    count, total, avg = 0, 0, None
    while True:
        x = yield avg
        count += 1
        total += x
        avg = total / count
r = running_avg()
next(r)
print([r.send(x) for x in [10, 20, 60]])
