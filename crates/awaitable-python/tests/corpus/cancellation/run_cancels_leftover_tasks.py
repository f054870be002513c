# Checks that asyncio.run cancels tasks still pending when main returns, after main's result is ready.
import asyncio
async def background(name):
    try:
        print(name, "started")
        await asyncio.sleep(1)
        print(name, "not printed")
    except asyncio.CancelledError:
        print(name, "cancelled at shutdown")
        raise
    finally:
        print(name, "finally")
async def silent():
    # A second leftover task that prints nothing: CPython cancels leftovers in set order.
    await asyncio.sleep(1)
async def main():
    asyncio.create_task(background("bg"))
    asyncio.create_task(silent())
    await asyncio.sleep(0.05)
    print("main returns")
    return "main result"
print(asyncio.run(main()))
print("after asyncio.run")
