import asyncio


async def ticker(label, n):
    for i in range(n):
        print(label, i)
        await asyncio.sleep(0)
    return n


async def main():
    first = asyncio.create_task(ticker("first", 3))
    second = asyncio.create_task(ticker("second", 2))
    done = await first + await second
    task = asyncio.create_task(asyncio.sleep(10))
    await asyncio.sleep(0)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("cancelled", done)
    finally:
        print("finally runs")


asyncio.run(main())
