# Checks nested gathers and the order of prints across levels.
import asyncio
async def leaf(name, delay):
    await asyncio.sleep(delay)
    print("leaf", name)
    return name
async def branch(prefix, delays):
    return await asyncio.gather(*(leaf(f"{prefix}{i}", d) for i, d in enumerate(delays)))
async def main():
    result = await asyncio.gather(branch("x", [0.1, 0.05]), branch("y", [0.15, 0.02]), leaf("z", 0))
    print(result)
asyncio.run(main())
