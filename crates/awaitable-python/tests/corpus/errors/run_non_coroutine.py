# Checks the error from passing a non-coroutine to asyncio.run, caught and then uncaught.
import asyncio
async def f():
    return 1
try:
    asyncio.run("text")
except ValueError as e:
    print("ValueError:", e)
print(asyncio.run(f()))
asyncio.run(42)
