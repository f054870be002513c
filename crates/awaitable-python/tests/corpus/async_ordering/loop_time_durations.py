# Checks loop.time() differences around sleeps, printed rounded to one decimal.
import asyncio
async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    await asyncio.sleep(0.1)
    t1 = loop.time()
    await asyncio.gather(asyncio.sleep(0.2), asyncio.sleep(0.1))
    t2 = loop.time()
    await asyncio.sleep(0)
    t3 = loop.time()
    print(round(t1 - t0, 1), round(t2 - t1, 1), round(t3 - t2, 1), round(t3 - t0, 1))
    print(t1 > t0, t2 >= t1, isinstance(t0, float))
asyncio.run(main())
