# Checks current_task().get_name(), default Task-N names, set_name and custom names.
import asyncio
async def report(label):
    print(label, asyncio.current_task().get_name())
async def main():
    print("main is", asyncio.current_task().get_name())
    t1 = asyncio.create_task(report("first"))
    t2 = asyncio.create_task(report("second"))
    t2.set_name("renamed")
    t3 = asyncio.create_task(report("third"))
    print(t1.get_name(), t2.get_name(), t3.get_name())
    await asyncio.gather(t1, t2, t3)
    t4 = asyncio.create_task(report("fourth"))
    await t4
    # Named last: CPython 3.11 still draws a Task-N number for a named task, 3.12 does not.
    t5 = asyncio.create_task(report("fifth"), name="custom")
    await t5
    print(asyncio.current_task() is asyncio.current_task(), asyncio.current_task().get_name())
asyncio.run(main())
