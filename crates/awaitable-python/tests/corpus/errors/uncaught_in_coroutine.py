# Checks an exception escaping a coroutine run by asyncio.run: output first, then the traceback.
import asyncio
async def parse(text):
    await asyncio.sleep(0)
    return int(text)
async def main():
    print("parsing 42:", await parse("42"))
    print("parsing forty-two:", await parse("forty-two"))
    print("not printed")
asyncio.run(main())
