# Checks awaiting a finished task again, and awaiting the same task from two coroutines.
import asyncio
async def compute():
    print("computing once")
    await asyncio.sleep(0.05)
    return 99
async def waiter(name, task):
    value = await task
    print(name, "got", value)
async def main():
    t = asyncio.create_task(compute())
    await asyncio.gather(waiter("w1", t), waiter("w2", t))
    print(await t, await t)
    coro = compute()
    print(await coro)
    try:
        await coro
    except RuntimeError as e:
        print("RuntimeError:", e)
asyncio.run(main())
