# Checks an uncaught ExceptionGroup from a TaskGroup (CPython prints a boxed group traceback).
import asyncio
async def fail(msg, delay):
    await asyncio.sleep(delay)
    raise ValueError(msg)
async def main():
    print("starting group")
    async with asyncio.TaskGroup() as tg:
        tg.create_task(fail("first", 0.01))
        tg.create_task(fail("second", 0.5))
asyncio.run(main())
