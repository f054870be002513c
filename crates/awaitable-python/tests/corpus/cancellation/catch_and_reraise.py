# Checks catching CancelledError: re-raising keeps the task cancelled, swallowing does not.
import asyncio
async def polite():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("polite: cleaning up")
        raise
async def stubborn():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("stubborn: ignoring cancellation")
    return "kept going"
async def main():
    p = asyncio.create_task(polite())
    s = asyncio.create_task(stubborn())
    await asyncio.sleep(0.05)
    p.cancel()
    s.cancel()
    results = await asyncio.gather(p, s, return_exceptions=True)
    print([type(r).__name__ for r in results])
    print("polite cancelled?", p.cancelled(), "stubborn cancelled?", s.cancelled(), s.result())
asyncio.run(main())
