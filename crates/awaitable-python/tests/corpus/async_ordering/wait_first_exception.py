# Checks asyncio.wait with FIRST_EXCEPTION returning as soon as one task fails.
import asyncio
async def ok(delay):
    await asyncio.sleep(delay)
    return delay
async def fail(delay):
    await asyncio.sleep(delay)
    raise ValueError(f"failed after {delay}")
async def main():
    tasks = [asyncio.create_task(ok(0.05)), asyncio.create_task(fail(0.1)), asyncio.create_task(ok(0.3))]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print(len(done), len(pending))
    for t in tasks:
        if t in done:
            print("done:", repr(t.exception()) if t.exception() else t.result())
    for t in pending:
        t.cancel()
    done2, _ = await asyncio.wait(pending)
    print([t.cancelled() for t in done2])
    t = asyncio.create_task(ok(0.05))
    done, pending = await asyncio.wait([t], return_when=asyncio.FIRST_EXCEPTION)
    print("no exception:", len(done), len(pending), t.result())
asyncio.run(main())
