# Checks wait_for returning a value in time and raising TimeoutError otherwise.
import asyncio
async def job(delay, value):
    await asyncio.sleep(delay)
    return value
async def main():
    print(await asyncio.wait_for(job(0.05, "quick"), timeout=1))
    try:
        await asyncio.wait_for(job(0.5, "slow"), timeout=0.05)
    except asyncio.TimeoutError as e:
        print("timeout:", type(e).__name__, asyncio.TimeoutError is TimeoutError, repr(e))
    print(await asyncio.wait_for(job(0, "no timeout"), None))
asyncio.run(main())
