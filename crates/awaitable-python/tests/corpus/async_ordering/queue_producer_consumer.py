# Checks an asyncio.Queue producer/consumer with a bounded queue and task_done/join.
import asyncio
async def producer(q, n):
    for i in range(n):
        await q.put(i)
        print("put", i, "size", q.qsize())
    await q.put(None)
async def consumer(q, name):
    total = 0
    while True:
        item = await q.get()
        q.task_done()
        if item is None:
            break
        print(name, "got", item)
        total += item
    return total
async def main():
    q = asyncio.Queue(maxsize=2)
    prod = asyncio.create_task(producer(q, 5))
    cons = asyncio.create_task(consumer(q, "c1"))
    await prod
    print("total", await cons)
    await q.join()
    print("queue empty:", q.empty(), q.qsize())
asyncio.run(main())
