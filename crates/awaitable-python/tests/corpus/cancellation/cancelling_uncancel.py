# Checks cancelling() counts and uncancel() on a task that swallows cancellation.
import asyncio
async def resilient():
    me = asyncio.current_task()
    for i in range(2):
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            print("cancel request", i, "cancelling() =", me.cancelling())
            print("uncancel() ->", me.uncancel())
    return "survived"
async def main():
    t = asyncio.create_task(resilient())
    await asyncio.sleep(0.01)
    t.cancel()
    await asyncio.sleep(0.01)
    t.cancel()
    print(await t, t.cancelled(), t.cancelling())
asyncio.run(main())
