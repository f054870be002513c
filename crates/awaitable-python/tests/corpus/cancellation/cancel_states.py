# Checks cancel() return values, cancelling before start and cancelling a finished task.
import asyncio
async def body(name):
    print(name, "started")
    await asyncio.sleep(0.05)
    return name
async def main():
    early = asyncio.create_task(body("early"))
    print("cancel before it starts:", early.cancel())
    print("second cancel:", early.cancel())
    await asyncio.sleep(0)
    print(early.done(), early.cancelled())
    finished = asyncio.create_task(body("finished"))
    await finished
    print("cancel after done:", finished.cancel(), finished.cancelled(), finished.result())
    try:
        early.result()
    except asyncio.CancelledError as e:
        print("result() of a cancelled task raises", repr(e))
    try:
        early.exception()
    except asyncio.CancelledError:
        print("exception() raises CancelledError too")
asyncio.run(main())
