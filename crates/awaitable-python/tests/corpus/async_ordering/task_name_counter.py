# Checks that the Task-N counter is global and also counts gather's wrapper tasks and asyncio.run's own tasks.
import asyncio
async def noop():
    await asyncio.sleep(0)
async def main():
    me = asyncio.current_task().get_name()
    a = asyncio.create_task(noop())
    await asyncio.gather(noop(), noop())
    b = asyncio.create_task(noop())
    await a
    await b
    print(me, a.get_name(), b.get_name())
asyncio.run(main())
asyncio.run(main())
async def leftover():
    asyncio.create_task(noop())
    print(asyncio.current_task().get_name(), "leaves a task behind")
asyncio.run(leftover())
asyncio.run(main())
