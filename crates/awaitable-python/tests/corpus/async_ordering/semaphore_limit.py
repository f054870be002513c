# Checks that a Semaphore(2) lets at most two coroutines in at once.
import asyncio
active = 0
peak = 0
async def job(i, delay, sem):
    global active, peak
    async with sem:
        active += 1
        peak = max(peak, active)
        print("start", i, "active", active)
        await asyncio.sleep(delay)
        active -= 1
        print("end", i)
async def main():
    sem = asyncio.Semaphore(2)
    delays = [0.1, 0.06, 0.08, 0.1, 0.03]
    await asyncio.gather(*(job(i, d, sem) for i, d in enumerate(delays)))
    print("peak", peak, "locked?", sem.locked())
asyncio.run(main())
