# Checks asyncio.wait with ALL_COMPLETED and with a timeout that leaves tasks pending.
import asyncio
async def job(delay):
    await asyncio.sleep(delay)
    return delay
async def main():
    tasks = [asyncio.create_task(job(d)) for d in [0.1, 0.05]]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.ALL_COMPLETED)
    print(sorted(t.result() for t in done), pending)
    slow = asyncio.create_task(job(0.3))
    quick = asyncio.create_task(job(0.05))
    done, pending = await asyncio.wait([slow, quick], timeout=0.1)
    print([t.result() for t in done], len(pending), slow in pending, slow.done())
    print("slow result:", await slow)
    coro = job(0)
    try:
        await asyncio.wait([coro])
    except TypeError as e:
        print("TypeError:", e)
    coro.close()
asyncio.run(main())
