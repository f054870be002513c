# Checks loop.create_future, set_result from another task and awaiting a future.
import asyncio
async def resolver(fut, delay):
    await asyncio.sleep(delay)
    print("resolving")
    fut.set_result("resolved value")
async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    print(fut.done())
    asyncio.create_task(resolver(fut, 0.05))
    print("awaiting")
    print(await fut)
    print(fut.done(), fut.result())
    try:
        fut.set_result("again")
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    f2 = loop.create_future()
    f2.set_exception(ValueError("from future"))
    try:
        await f2
    except ValueError as e:
        print("ValueError:", e)
asyncio.run(main())
