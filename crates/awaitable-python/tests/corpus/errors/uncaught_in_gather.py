# Checks that gather propagates the first exception uncaught while the other children finish.
import asyncio
async def ok(delay):
    await asyncio.sleep(delay)
    print("ok finished after", delay)
async def bad():
    await asyncio.sleep(0.05)
    raise ZeroDivisionError("bad child")
async def main():
    print("start")
    await asyncio.gather(ok(0.01), bad(), ok(0.1))
    print("not printed")
asyncio.run(main())
