# Checks that `await` at the top level of a script fails to compile (SyntaxError), so nothing runs.
import asyncio

async def f():
    return 1

print("not printed")
result = await f()
print(result)
