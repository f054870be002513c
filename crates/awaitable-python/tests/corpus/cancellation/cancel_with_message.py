# Checks task.cancel(msg) and the message carried by CancelledError.
import asyncio
async def waiter():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        print("inside:", e.args, repr(e))
        raise
async def main():
    t = asyncio.create_task(waiter())
    await asyncio.sleep(0.05)
    t.cancel("stop now")
    try:
        await t
    except asyncio.CancelledError as e:
        print("outside:", type(e).__name__, isinstance(e, BaseException), isinstance(e, Exception))
    print(t.cancelled())
asyncio.run(main())
