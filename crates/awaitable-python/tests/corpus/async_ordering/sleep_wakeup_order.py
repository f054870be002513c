# Checks that tasks wake up in order of their sleep deadlines, not creation order.
import asyncio
async def nap(name, delay):
    await asyncio.sleep(delay)
    print(name, "woke after", delay)
async def main():
    await asyncio.gather(
        nap("d", 0.2), nap("a", 0.05), nap("c", 0.15), nap("b", 0.1), nap("now", 0)
    )
    print("all awake")
asyncio.run(main())
