# Checks the course's cell (b) in a script: calling a coroutine function returns a coroutine object without running it.
import asyncio,time

async def exemple():
    print("Nous essayons les coroutines.")

coro = exemple()
print(type(coro).__name__)
print(asyncio.iscoroutine(coro))
print("nothing printed by exemple yet")
asyncio.run(coro)
