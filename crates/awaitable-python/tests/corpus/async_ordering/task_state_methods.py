# Checks done(), result(), exception() and InvalidStateError on unfinished tasks.
import asyncio
async def value():
    await asyncio.sleep(0)
    return "v"
async def boom():
    await asyncio.sleep(0)
    raise KeyError("k")
async def main():
    t = asyncio.create_task(value())
    print(t.done(), t.cancelled())
    try:
        t.result()
    except asyncio.InvalidStateError as e:
        print("InvalidStateError:", e)
    await t
    print(t.done(), t.result(), t.exception())
    b = asyncio.create_task(boom())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(b.done(), repr(b.exception()))
    try:
        b.result()
    except KeyError as e:
        print("result() re-raises", repr(e))
asyncio.run(main())
