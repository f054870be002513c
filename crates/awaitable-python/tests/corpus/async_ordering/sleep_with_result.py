# Checks asyncio.sleep(delay, result) returning its result.
import asyncio
async def main():
    print(await asyncio.sleep(0, "zero"))
    print(await asyncio.sleep(0.05, result=[1, 2]))
    print(await asyncio.sleep(0))
    values = await asyncio.gather(asyncio.sleep(0.05, "a"), asyncio.sleep(0, "b"))
    print(values)
    t = asyncio.create_task(asyncio.sleep(0.01, "task result"))
    print(await t)
asyncio.run(main())
