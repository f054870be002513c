# Checks that an exception inside a task is raised when the task is awaited.
import asyncio
async def failing():
    print("failing starts")
    await asyncio.sleep(0.05)
    raise RuntimeError("task failed")
async def main():
    t = asyncio.create_task(failing())
    print("doing other work")
    await asyncio.sleep(0.1)
    print("task done?", t.done())
    try:
        await t
    except RuntimeError as e:
        print("caught:", e)
    print(repr(t.exception()))
asyncio.run(main())
