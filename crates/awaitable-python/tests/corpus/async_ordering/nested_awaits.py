# Checks that awaiting coroutines directly runs them inline, returning values up the chain.
import asyncio
async def leaf(x):
    print("leaf start", x)
    await asyncio.sleep(0)
    print("leaf end", x)
    return x * 2
async def middle(x):
    print("middle start", x)
    a = await leaf(x)
    b = await leaf(a)
    print("middle end", x)
    return a + b
async def top():
    total = 0
    for x in [1, 10]:
        total += await middle(x)
    return total
print("result", asyncio.run(top()))
