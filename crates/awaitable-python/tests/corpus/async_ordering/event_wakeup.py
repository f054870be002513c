# Checks that Event.set wakes every waiter, in the order they started waiting.
import asyncio
async def waiter(name, event):
    print(name, "waiting")
    await event.wait()
    print(name, "woke up")
async def main():
    event = asyncio.Event()
    tasks = [asyncio.create_task(waiter(n, event)) for n in ["w1", "w2", "w3"]]
    await asyncio.sleep(0.05)
    print("setting, is_set =", event.is_set())
    event.set()
    print("set, is_set =", event.is_set())
    await asyncio.gather(*tasks)
    await event.wait()
    print("wait on a set event returns at once")
    event.clear()
    print("cleared:", event.is_set())
asyncio.run(main())
