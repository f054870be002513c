# Checks that as_completed yields results in completion order.
import asyncio
async def job(name, delay):
    await asyncio.sleep(delay)
    return name
async def main():
    coros = [job("third", 0.15), job("first", 0.05), job("second", 0.1)]
    for i, fut in enumerate(asyncio.as_completed(coros)):
        result = await fut
        print(i, result)
    try:
        for fut in asyncio.as_completed([job("late", 0.3)], timeout=0.05):
            await fut
    except TimeoutError as e:
        print("timed out:", type(e).__name__)
asyncio.run(main())
