# Checks an exception raised inside a task propagating through await to asyncio.run.
import asyncio
async def worker(n):
    await asyncio.sleep(0.02 * (n + 1))
    if n == 2:
        raise KeyError(f"worker {n}")
    print("worker", n, "ok")
    return n
async def main():
    tasks = [asyncio.create_task(worker(i)) for i in range(4)]
    for t in tasks:
        print("awaited", await t)
asyncio.run(main())
