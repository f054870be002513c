# Checks that asyncio.shield protects the inner task when the outer await is cancelled.
import asyncio
async def important():
    await asyncio.sleep(0.1)
    print("important work finished")
    return "saved"
async def caller(inner):
    try:
        return await asyncio.shield(inner)
    except asyncio.CancelledError:
        print("caller cancelled, inner done?", inner.done())
        raise
async def main():
    inner = asyncio.create_task(important())
    outer = asyncio.create_task(caller(inner))
    await asyncio.sleep(0.05)
    outer.cancel()
    await asyncio.gather(outer, return_exceptions=True)
    print("outer cancelled?", outer.cancelled(), "inner cancelled?", inner.cancelled())
    print("inner result:", await inner)
asyncio.run(main())
