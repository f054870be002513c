# Checks that asyncio.Lock serialises critical sections and wakes waiters in FIFO order.
import asyncio
async def critical(name, lock, log):
    async with lock:
        log.append(name + " in")
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        log.append(name + " out")
async def main():
    lock = asyncio.Lock()
    log = []
    print(lock.locked())
    await asyncio.gather(*(critical(n, lock, log) for n in ["A", "B", "C"]))
    print(log)
    await lock.acquire()
    print(lock.locked())
    lock.release()
    print(lock.locked())
    try:
        lock.release()
    except RuntimeError as e:
        print("RuntimeError:", e)
asyncio.run(main())
