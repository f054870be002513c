# Checks that gathered sleeps overlap while sequential awaits add up.
import asyncio
import time
async def nap(d):
    await asyncio.sleep(d)
async def main():
    start = time.perf_counter()
    for _ in range(3):
        await nap(0.1)
    sequential = time.perf_counter() - start
    start = time.perf_counter()
    await asyncio.gather(nap(0.1), nap(0.1), nap(0.1))
    concurrent = time.perf_counter() - start
    print("sequential", round(sequential, 1), "concurrent", round(concurrent, 1))
    start = time.monotonic()
    await asyncio.gather(*(nap(0.1) for _ in range(10)))
    print("ten at once", round(time.monotonic() - start, 1))
asyncio.run(main())
