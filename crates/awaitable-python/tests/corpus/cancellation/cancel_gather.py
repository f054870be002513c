# Checks that cancelling a gather cancels every child that is still running.
import asyncio
async def child(name, delay):
    try:
        await asyncio.sleep(delay)
        print(name, "finished")
        return name
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise
async def main():
    g = asyncio.gather(child("quick", 0.05), child("slow1", 0.5), child("slow2", 0.6))
    await asyncio.sleep(0.1)
    print("cancelling gather:", g.cancel())
    try:
        await g
    except asyncio.CancelledError:
        print("gather raised CancelledError")
    print("gather cancelled?", g.cancelled())
asyncio.run(main())
