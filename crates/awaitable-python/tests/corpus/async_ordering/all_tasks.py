# Checks asyncio.all_tasks() at different moments (names printed sorted).
import asyncio
async def sleeper(d):
    await asyncio.sleep(d)
async def main():
    print(len(asyncio.all_tasks()), asyncio.current_task() in asyncio.all_tasks())
    ts = [asyncio.create_task(sleeper(0.05), name=f"s{i}") for i in range(3)]
    print(sorted(t.get_name() for t in asyncio.all_tasks()))
    await asyncio.sleep(0)
    print(len(asyncio.all_tasks()))
    await asyncio.gather(*ts)
    print(sorted(t.get_name() for t in asyncio.all_tasks()))
    print(all(t.done() for t in ts))
asyncio.run(main())
