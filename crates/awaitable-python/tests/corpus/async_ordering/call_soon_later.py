# Checks loop.call_soon/call_later ordering relative to tasks.
import asyncio
log = []
async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(0.1, log.append, "later 0.1")
    loop.call_later(0.05, log.append, "later 0.05")
    loop.call_soon(log.append, "soon 1")
    asyncio.create_task(task_body())
    loop.call_soon(log.append, "soon 2")
    log.append("main before sleep")
    await asyncio.sleep(0)
    log.append("main after sleep(0)")
    await asyncio.sleep(0.2)
    for entry in log:
        print(entry)
async def task_body():
    log.append("task runs")
asyncio.run(main())
