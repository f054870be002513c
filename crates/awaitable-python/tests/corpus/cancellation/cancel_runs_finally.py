# Checks that finally blocks run, innermost first, when a task is cancelled.
import asyncio
async def leaf():
    try:
        await asyncio.sleep(1)
    finally:
        print("leaf finally")
async def middle():
    try:
        await leaf()
    finally:
        print("middle finally")
async def top():
    try:
        await middle()
    finally:
        print("top finally")
        await asyncio.sleep(0)
        print("top finally after await")
async def main():
    t = asyncio.create_task(top())
    await asyncio.sleep(0.05)
    t.cancel()
    await asyncio.gather(t, return_exceptions=True)
    print("cancelled:", t.cancelled())
asyncio.run(main())
