# Checks that a failing TaskGroup child cancels its siblings and raises an ExceptionGroup.
import asyncio
cancelled = []
async def sibling(name, delay):
    try:
        await asyncio.sleep(delay)
        print(name, "finished")
    except asyncio.CancelledError:
        # CPython cancels siblings in set order (memory-dependent), so only collect names here.
        cancelled.append(name)
        raise
async def failing():
    await asyncio.sleep(0.05)
    raise ValueError("child failed")
async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(sibling("fast", 0.01))
            tg.create_task(sibling("slow", 0.5))
            tg.create_task(failing())
            tg.create_task(sibling("slower", 0.6))
    except* ValueError as eg:
        print("caught", type(eg).__name__, eg.exceptions)
    print("cancelled siblings:", sorted(cancelled))
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(failing())
    except ExceptionGroup as eg:
        print(str(eg), repr(eg.exceptions[0]))
asyncio.run(main())
