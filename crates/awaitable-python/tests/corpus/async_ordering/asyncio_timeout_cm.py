# Checks the asyncio.timeout context manager, expired() and code after the block.
import asyncio
async def main():
    try:
        async with asyncio.timeout(0.05) as cm:
            print("inside, expired?", cm.expired())
            await asyncio.sleep(1)
            print("not printed")
    except TimeoutError:
        print("TimeoutError caught, expired?", cm.expired())
    async with asyncio.timeout(0.5) as cm2:
        await asyncio.sleep(0.05)
    print("completed in time, expired?", cm2.expired())
    async with asyncio.timeout(None) as cm3:
        await asyncio.sleep(0)
    print("no deadline:", cm3.when())
    loop = asyncio.get_running_loop()
    start = loop.time()
    try:
        async with asyncio.timeout(0.1):
            while True:
                await asyncio.sleep(0.02)
    except TimeoutError:
        print("loop interrupted after", round(loop.time() - start, 1))
asyncio.run(main())
