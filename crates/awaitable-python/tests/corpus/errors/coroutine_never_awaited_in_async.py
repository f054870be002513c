# Checks the never-awaited warning for a coroutine created inside a running coroutine.
import asyncio
async def notify(msg):
    print("notify", msg)
async def main():
    notify("lost")
    await notify("awaited")
    print("main done")
asyncio.run(main())
