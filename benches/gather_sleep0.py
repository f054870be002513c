# 100,000 tasks gathered on asyncio.sleep(0).
import asyncio

async def tick():
    await asyncio.sleep(0)

async def main():
    await asyncio.gather(*[tick() for _ in range(100000)])
    print("done")

asyncio.run(main())
