# Checks get_running_loop inside and outside coroutines, and loop identity.
import asyncio
async def inner():
    return asyncio.get_running_loop()
async def main():
    loop = asyncio.get_running_loop()
    print(loop is await inner(), loop.is_running(), loop.is_closed())
    return loop
try:
    asyncio.get_running_loop()
except RuntimeError as e:
    print("RuntimeError:", e)
loop = asyncio.run(main())
print(loop.is_running(), loop.is_closed())
print(asyncio.iscoroutinefunction(main), asyncio.iscoroutinefunction(print))
