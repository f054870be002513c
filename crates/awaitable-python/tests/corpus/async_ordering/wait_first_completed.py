# Checks asyncio.wait with FIRST_COMPLETED: done/pending split and later completion.
import asyncio
async def job(name, delay):
    await asyncio.sleep(delay)
    return name
async def main():
    tasks = [asyncio.create_task(job(n, d), name=n) for n, d in [("a", 0.2), ("b", 0.05), ("c", 0.1)]]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print("done:", sorted(t.result() for t in done))
    print("pending:", sorted(t.get_name() for t in pending))
    done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
    print("done:", sorted(t.result() for t in done), "pending:", len(pending))
    done, pending = await asyncio.wait(pending)
    print("done:", sorted(t.result() for t in done), "pending:", len(pending))
    print(asyncio.FIRST_COMPLETED, asyncio.FIRST_EXCEPTION, asyncio.ALL_COMPLETED)
asyncio.run(main())
