# Checks that awaiting a coroutine runs it immediately while a task waits for the loop.
import asyncio
log = []
async def step(name):
    log.append(name + " start")
    await asyncio.sleep(0)
    log.append(name + " end")
async def main():
    task = asyncio.create_task(step("task"))
    await step("coro")
    log.append("main after coro")
    await task
    log.append("main after task")
    print("\n".join(log))
asyncio.run(main())
