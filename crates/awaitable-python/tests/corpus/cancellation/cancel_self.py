# Checks a task cancelling itself: the CancelledError arrives at its next await.
import asyncio
async def self_cancelling():
    asyncio.current_task().cancel()
    print("still running after cancel()")
    try:
        await asyncio.sleep(0)
    except asyncio.CancelledError:
        print("CancelledError at the next await")
        raise
async def main():
    t = asyncio.create_task(self_cancelling())
    await asyncio.gather(t, return_exceptions=True)
    print(t.cancelled())
asyncio.run(main())
