# Checks that tasks created in order run in FIFO order at each step.
import asyncio
async def worker(name, steps):
    for i in range(steps):
        print(name, "step", i)
        await asyncio.sleep(0)
    print(name, "done")
async def main():
    tasks = [asyncio.create_task(worker(n, 3)) for n in "ABC"]
    print("tasks created")
    for t in tasks:
        await t
    print("all done")
asyncio.run(main())
