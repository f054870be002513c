# Checks the SyntaxError for `async with` in a plain function.
import asyncio
print("not printed")
def f():
    async with asyncio.Lock():
        pass
f()
