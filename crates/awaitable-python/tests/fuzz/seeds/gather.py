import asyncio
import time


async def worker(name, delay):
    print(f"{name} starts")
    await asyncio.sleep(delay)
    print(f"{name} done after {delay:.1f}s")
    return name.upper()


async def main():
    start = time.perf_counter()
    results = await asyncio.gather(worker("a", 0.2), worker("b", 0.1), worker("c", 0))
    print(results, round(time.perf_counter() - start, 1))


asyncio.run(main())
