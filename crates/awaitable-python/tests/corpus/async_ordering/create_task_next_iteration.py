# Checks that create_task does not run the coroutine until the creator yields.
import asyncio
async def child():
    print("child runs")
    return 42
async def main():
    t = asyncio.create_task(child())
    print("task created, done?", t.done())
    for i in range(3):
        print("main still running", i)
    await asyncio.sleep(0)
    print("after one yield, done?", t.done())
    print("result", await t)
asyncio.run(main())
