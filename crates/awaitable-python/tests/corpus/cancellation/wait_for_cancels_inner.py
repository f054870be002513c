# Checks that a wait_for timeout cancels the inner task and runs its finally block.
import asyncio
async def slow_op():
    try:
        print("slow_op started")
        await asyncio.sleep(1)
        return "never"
    finally:
        print("slow_op finally")
async def main():
    task = asyncio.create_task(slow_op())
    try:
        await asyncio.wait_for(task, timeout=0.05)
    except TimeoutError:
        print("wait_for timed out")
    print("inner cancelled?", task.cancelled(), "done?", task.done())
    try:
        await asyncio.wait_for(slow_op(), timeout=0.05)
    except TimeoutError:
        print("second timeout")
asyncio.run(main())
