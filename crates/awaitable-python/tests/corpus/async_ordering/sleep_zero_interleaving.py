# Checks how sleep(0) interleaves two coroutines step by step.
import asyncio
log = []
async def ping(n):
    for i in range(n):
        log.append(f"ping{i}")
        await asyncio.sleep(0)
async def pong(n):
    for i in range(n):
        log.append(f"pong{i}")
        await asyncio.sleep(0)
        await asyncio.sleep(0)
async def main():
    await asyncio.gather(ping(4), pong(3))
    print(log)
asyncio.run(main())
