# Checks that asyncio.run called from a coroutine already running raises RuntimeError.
import asyncio,time

async def exemple():
    print("Nous essayons les coroutines.")

async def cellule():
    coro = exemple()
    try:
        asyncio.run(coro)
    except RuntimeError as e:
        print("RuntimeError:", e)
    coro.close()
    await exemple()

asyncio.run(cellule())
