# Checks that gather returns results in argument order, not completion order.
import asyncio
async def job(name, delay):
    await asyncio.sleep(delay)
    print("finished", name)
    return name.upper()
async def main():
    results = await asyncio.gather(job("slow", 0.15), job("fast", 0.05), job("mid", 0.1))
    print(results)
    print(await asyncio.gather())
    print(await asyncio.gather(job("only", 0)))
asyncio.run(main())
