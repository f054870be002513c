# Checks Queue put_nowait/get_nowait, QueueFull/QueueEmpty and several consumers in FIFO order.
import asyncio
async def worker(name, q, out):
    while True:
        item = await q.get()
        if item is None:
            return
        out.append((name, item))
        await asyncio.sleep(0)
async def main():
    q = asyncio.Queue(maxsize=1)
    q.put_nowait("x")
    print(q.full(), q.qsize(), q.maxsize)
    try:
        q.put_nowait("y")
    except asyncio.QueueFull:
        print("QueueFull")
    print(q.get_nowait())
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty")
    q2 = asyncio.Queue()
    out = []
    workers = [asyncio.create_task(worker(n, q2, out)) for n in ["w1", "w2"]]
    for i in range(6):
        q2.put_nowait(i)
    q2.put_nowait(None)
    q2.put_nowait(None)
    await asyncio.gather(*workers)
    print(out)
asyncio.run(main())
