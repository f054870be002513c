# Checks asyncio.run return values and running several event loops one after another.
import asyncio
async def compute(x):
    await asyncio.sleep(0)
    return x * x
async def nothing():
    pass
print(asyncio.run(compute(7)))
print(asyncio.run(nothing()))
print(asyncio.run(compute(3)) + asyncio.run(compute(4)))
results = [asyncio.run(compute(i)) for i in range(4)]
print(results)
async def returns_tuple():
    return ("a", [1, 2], {"k": None})
print(asyncio.run(returns_tuple()))
