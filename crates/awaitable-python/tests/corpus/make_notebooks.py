#!/usr/bin/env python3
"""Generate the notebook-mode conformance notebooks.

Usage:
    python3 crates/awaitable-python/tests/corpus/make_notebooks.py

Writes ``notebooks/<name>.ipynb`` (nbformat 4.5, no outputs) next to this
script. Only the standard library is used, so the notebooks can be rebuilt
anywhere. Run ``record_notebooks.py`` afterwards to execute them with an
IPython kernel and write ``<name>.expected.ipynb``.

Every notebook holds only code cells, and they are exactly what the kernel
runs: there are no hidden setup cells. ``course.ipynb`` holds the course's cells (a)
to (e) exactly as in ``shared/seed/cells.md``; it needs the kernel to be
started with ``PYTHONINTMAXSTRDIGITS=0`` (``str(5**1000000)``).
"""

import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "notebooks")


def code(source):
    return {"cell_type": "code", "source": source.strip("\n")}


NOTEBOOKS = {}

# --- top-level await -------------------------------------------------------
NOTEBOOKS["top_level_await"] = [
    code('''
import asyncio

async def double(x):
    await asyncio.sleep(0.01)
    return 2 * x
'''),
    code('''
await double(21)
'''),
    code('''
value = await double(5)
print("value is", value)
'''),
    code('''
results = await asyncio.gather(double(1), double(2), double(3))
results
'''),
    code('''
await asyncio.sleep(0.05, "slept")
'''),
    code('''
for i in range(3):
    print("step", i, await double(i))
'''),
    code('''
async def agen(n):
    for i in range(n):
        await asyncio.sleep(0)
        yield i * i

[x async for x in agen(4)]
'''),
    code('''
lock = asyncio.Lock()
async with lock:
    print("inside async with, locked:", lock.locked())
print("after, locked:", lock.locked())
'''),
    code('''
async for item in agen(3):
    print("async for got", item)
'''),
    code('''
asyncio.current_task() is not None
'''),
]

# --- asyncio.run inside a notebook -----------------------------------------
NOTEBOOKS["asyncio_run_in_notebook"] = [
    code('''
import asyncio

async def exemple():
    print("Nous essayons les coroutines.")
'''),
    code('''
asyncio.run(exemple())
'''),
    code('''
print("execution continues after the error")
'''),
    code('''
coro = exemple()
try:
    asyncio.run(coro)
except RuntimeError as e:
    print("RuntimeError:", e)
coro.close()
'''),
    code('''
await exemple()
'''),
    code('''
loop = asyncio.get_running_loop()
loop.is_running()
'''),
]

# --- last-expression values --------------------------------------------------
NOTEBOOKS["execute_results"] = [
    code('''
1 + 2
'''),
    code('''
"a string"
'''),
    code('''
'it\\'s "quoted"'
'''),
    code('''
None
'''),
    code('''
x = 10
'''),
    code('''
x * 4
'''),
    code('''
[1, "two", 3.0, None, (4,)]
'''),
    code('''
{"b": 1, "a": [2, 3]}
'''),
    code('''
print("printed")
"and returned"
'''),
    code('''
x + 1;
'''),
    code('''
x
x + 100
'''),
    code('''
import asyncio

async def exemple():
    print("Nous essayons les coroutines.")

exemple()
'''),
    code('''
await exemple()
'''),
    code('''
def nothing():
    pass

nothing()
'''),
    code('''
2 ** 100
'''),
    code('''
0.1 + 0.2
'''),
    code('''
True, False
'''),
]

# --- errors, then execution continues --------------------------------------
NOTEBOOKS["errors_continue"] = [
    code('''
print("before the error")
1 / 0
print("not printed")
'''),
    code('''
print("the next cell still runs")
'''),
    code('''
{"a": 1}["missing"]
'''),
    code('''
undefined_variable
'''),
    code('''
import asyncio

async def fails():
    await asyncio.sleep(0)
    raise ValueError("raised inside a coroutine")

await fails()
'''),
    code('''
try:
    await fails()
except ValueError as e:
    print("caught:", e)
'''),
    code('''
print("unbalanced"
'''),
    code('''
def broken():
return 1
'''),
    code('''
class CustomError(Exception):
    pass

raise CustomError("custom message")
'''),
    code('''
"still alive"
'''),
]

# --- a background task that keeps running across cells ----------------------
NOTEBOOKS["background_task"] = [
    code('''
import asyncio

log = []

async def ticker(n, delay):
    for i in range(n):
        await asyncio.sleep(delay)
        log.append(i)
        print("tick", i)
    return "ticker finished"
'''),
    code('''
task = asyncio.create_task(ticker(6, 0.1))
print("task created, done:", task.done())
'''),
    code('''
await asyncio.sleep(0.25)
print("after 0.25 s the ticker has logged", log)
'''),
    code('''
print("a cell that does not await; done:", task.done())
'''),
    code('''
await asyncio.sleep(0.2)
print("log now", log)
'''),
    code('''
result = await task
print(result, log)
'''),
    code('''
task.done(), task.result()
'''),
]

# --- namespace shared across cells -----------------------------------------
NOTEBOOKS["shared_namespace"] = [
    code('''
counter = 0
def bump(step=1):
    global counter
    counter += step
    return counter
'''),
    code('''
bump()
bump(10)
'''),
    code('''
counter
'''),
    code('''
import math
class Circle:
    def __init__(self, r):
        self.r = r
    def area(self):
        return round(math.pi * self.r ** 2, 2)
'''),
    code('''
c = Circle(2)
c.area()
'''),
    code('''
def bump(step=1):
    global counter
    counter -= step
    return counter

bump()
'''),
    code('''
del counter
'''),
    code('''
counter
'''),
    code('''
bump.__name__, Circle.__name__, c.r, math.floor(math.pi)
'''),
    code('''
import asyncio
async def fetch(n):
    await asyncio.sleep(0)
    return n * 3
'''),
    code('''
data = await fetch(c.r)
data
'''),
]

# --- print with end="" and other stream outputs -----------------------------
NOTEBOOKS["print_streams"] = [
    code('''
print("no newline", end="")
'''),
    code('''
print("a", end="")
print("b", end="")
print("c")
'''),
    code('''
for i in range(5):
    print(i, end=" ")
print()
'''),
    code('''
print("x", "y", sep="-", end="|\\n")
print("multi\\nline")
'''),
    code('''
import asyncio
for i in range(3):
    print("before sleep", i, end="; ")
    await asyncio.sleep(0.01)
print("done")
'''),
    code('''
print("printed then value")
42
'''),
    code('''
print()
print("", end="")
'''),
    code('''
print("tab\\tand unicode: é ✓ 日本")
'''),
]

# --- concurrency at top level: gather, tasks, TaskGroup, timeouts ------------
NOTEBOOKS["concurrency_top_level"] = [
    code('''
import asyncio, time

async def job(name, delay):
    await asyncio.sleep(delay)
    print("finished", name)
    return name
'''),
    code('''
start = time.monotonic()
results = await asyncio.gather(job("slow", 0.15), job("fast", 0.05))
print(results, round(time.monotonic() - start, 1))
'''),
    code('''
async with asyncio.TaskGroup() as tg:
    t1 = tg.create_task(job("a", 0.1))
    t2 = tg.create_task(job("b", 0.05))
t1.result(), t2.result()
'''),
    code('''
try:
    await asyncio.wait_for(job("too slow", 1), timeout=0.05)
except TimeoutError:
    print("timed out")
'''),
    code('''
try:
    async with asyncio.timeout(0.05):
        await asyncio.sleep(1)
except TimeoutError:
    print("timeout context manager expired")
'''),
    code('''
q = asyncio.Queue()
async def producer():
    for i in range(3):
        await q.put(i)
    await q.put(None)
async def consumer():
    got = []
    while (item := await q.get()) is not None:
        got.append(item)
    return got
_, got = await asyncio.gather(producer(), consumer())
got
'''),
    code('''
t = asyncio.create_task(job("cancel me", 1))
await asyncio.sleep(0.01)
t.cancel()
try:
    await t
except asyncio.CancelledError:
    print("cancelled:", t.cancelled())
'''),
]

# --- the course, cells (a) to (e), exactly as in cells.md -------------------
NOTEBOOKS["course"] = [
    code('''
import asyncio,time

async def exemple():
    print("Nous essayons les coroutines.")
'''),
    code('''
exemple()
'''),
    code('''
await exemple()
'''),
    code('''
def nom(prenom):
    name=prenom
    time.sleep(10)
    print(name)

def main():
    print("Subroutine :")
    start_time = time.time()
    nom('Daniel')
    nom('Donna')
    nom('Diane')
    end_time = time.time()
    print("Durée totale d'exécution: %.2f secondes" % (end_time - start_time))

main()

async def nom_async(prenom):
    name=prenom
    await asyncio.sleep(10)
    print(name)

async def main():
    print("\\nCoroutine :")
    start_time = time.time()
    await asyncio.gather(nom_async('Daniel'), nom_async('Donna'), nom_async('Diane'))
    end_time = time.time()
    print("Durée totale d'exécution: %.2f secondes" % (end_time - start_time))

await main()
'''),
    code('''
def nom():
    name="Daniel"
    time.sleep(10)
    print(name)

def calcul(x):
    x=x**1000000
    y=int(str(x)[:2])
    print(y)

def main():
    print("Subroutine :")
    start_time = time.time()
    nom()
    calcul(5)
    calcul(3)
    end_time = time.time()
    print("Durée totale d'exécution: %.2f secondes" % (end_time - start_time))

main()

async def nom_async():
    name="Daniel"
    await asyncio.sleep(10)
    print(name)

async def calcul_async(x):
    x=x**1000000
    y=int(str(x)[:2])
    print(y)

async def main():
    print("\\nCoroutine :")
    start_time = time.time()
    task1= asyncio.create_task(nom_async())
    task2= asyncio.create_task(calcul_async(5))
    task3= asyncio.create_task(calcul_async(3))

    await task1
    await task2
    await task3

    end_time = time.time()
    print("Durée totale d'exécution: %.2f secondes" % (end_time - start_time))

await main()
'''),
]


def to_source_lines(text):
    lines = text.split("\n")
    return [line + "\n" for line in lines[:-1]] + [lines[-1]]


def build(name, cells):
    nb_cells = []
    for i, cell in enumerate(cells, start=1):
        nb_cells.append({
            "cell_type": "code",
            "execution_count": None,
            "id": f"{name.replace('_', '-')}-{i}",
            "metadata": {},
            "outputs": [],
            "source": to_source_lines(cell["source"]),
        })
    return {
        "cells": nb_cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, cells in NOTEBOOKS.items():
        path = os.path.join(OUT, name + ".ipynb")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(build(name, cells), f, indent=1, ensure_ascii=False)
            f.write("\n")
        print(f"wrote {os.path.relpath(path, HERE)} ({len(cells)} cells)")


if __name__ == "__main__":
    main()
