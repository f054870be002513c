# Checks that task.cancel() raises CancelledError inside the task at its await point.
import asyncio
async def sleeper():
    print("sleeper: going to sleep")
    try:
        await asyncio.sleep(1)
        print("not printed")
    except asyncio.CancelledError as e:
        print("sleeper: cancelled at the await", repr(e))
        raise
async def main():
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(0.05)
    print("cancel() returned", t.cancel())
    print("done right after cancel()?", t.done())
    try:
        await t
    except asyncio.CancelledError:
        print("main: awaiting the task raised CancelledError")
    print(t.done(), t.cancelled())
asyncio.run(main())
