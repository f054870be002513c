# Checks that asyncio.timeout cancels the body, runs its finally, and raises TimeoutError.
import asyncio
async def body():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("body saw CancelledError")
        raise
    finally:
        print("body finally")
async def main():
    try:
        async with asyncio.timeout(0.05):
            await body()
    except TimeoutError as e:
        print("TimeoutError", repr(e))
    print("current task cancelling():", asyncio.current_task().cancelling())
asyncio.run(main())
