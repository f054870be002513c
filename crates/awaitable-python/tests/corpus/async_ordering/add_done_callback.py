# Checks add_done_callback order, callbacks on finished tasks, and remove_done_callback.
import asyncio
log = []
def cb(label):
    def inner(task):
        log.append((label, task.result()))
    return inner
async def job():
    await asyncio.sleep(0)
    return "value"
async def main():
    t = asyncio.create_task(job())
    first = cb("first")
    t.add_done_callback(first)
    t.add_done_callback(cb("second"))
    t.add_done_callback(cb("third"))
    print(t.remove_done_callback(first), "callback(s) removed")
    t.add_done_callback(first)
    await t
    print("after await:", log)
    await asyncio.sleep(0)
    print("one iteration later:", log)
    t.add_done_callback(cb("late"))
    print("added to a done task:", log)
    await asyncio.sleep(0)
    print("runs soon after:", log)
asyncio.run(main())
