# Checks gather(..., return_exceptions=True) putting exceptions in the result list.
import asyncio
async def ok(x):
    await asyncio.sleep(0)
    return x
async def bad(msg):
    await asyncio.sleep(0)
    raise ValueError(msg)
async def main():
    results = await asyncio.gather(ok(1), bad("oops"), ok(3), bad("again"), return_exceptions=True)
    for r in results:
        print(type(r).__name__, repr(r))
    try:
        await asyncio.gather(ok(1), bad("propagated"))
    except ValueError as e:
        print("without return_exceptions:", e)
asyncio.run(main())
