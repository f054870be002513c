# Checks asyncio.to_thread running blocking time.sleep calls concurrently with the loop.
import asyncio
import time
def blocking(name, delay):
    time.sleep(delay)
    return f"{name} slept {delay}"
async def ticker(n):
    for i in range(n):
        await asyncio.sleep(0.05)
    return n
async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    r1, r2, ticks = await asyncio.gather(
        asyncio.to_thread(blocking, "a", 0.2),
        asyncio.to_thread(blocking, "b", 0.1),
        ticker(2),
    )
    print(r1, "|", r2, "|", ticks)
    print("elapsed", round(loop.time() - start, 1))
    print(await asyncio.to_thread(sum, [1, 2, 3]))
asyncio.run(main())
