# Checks TaskGroup waiting for all children and exposing results afterwards.
import asyncio
async def job(name, delay):
    print("start", name)
    await asyncio.sleep(delay)
    print("end", name)
    return name * 2
async def main():
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(job("a", 0.1))
        t2 = tg.create_task(job("b", 0.05))
        print("inside the block, tasks not started yet")
    print("after the block:", t1.result(), t2.result())
    async with asyncio.TaskGroup() as tg:
        pass
    print("empty group ok")
    async with asyncio.TaskGroup() as tg:
        t = tg.create_task(job("c", 0))
        await asyncio.sleep(0)
        print("after one yield, done?", t.done())
    print("done?", t.done())
asyncio.run(main())
