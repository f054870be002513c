# Checks what gather does when one of its children is cancelled, with and without return_exceptions.
import asyncio
async def work(delay):
    await asyncio.sleep(delay)
    return delay
async def main():
    a = asyncio.create_task(work(0.05))
    b = asyncio.create_task(work(0.5))
    g = asyncio.gather(a, b, return_exceptions=True)
    await asyncio.sleep(0)
    b.cancel()
    results = await g
    print([type(r).__name__ for r in results], results[0])
    c = asyncio.create_task(work(0.05))
    d = asyncio.create_task(work(0.5))
    g2 = asyncio.gather(c, d)
    await asyncio.sleep(0)
    d.cancel()
    try:
        await g2
    except asyncio.CancelledError:
        print("gather raised CancelledError; c done?", c.done(), "g2 cancelled?", g2.cancelled())
    print("c result", await c)
asyncio.run(main())
