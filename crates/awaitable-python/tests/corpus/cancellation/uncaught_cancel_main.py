# Checks that cancelling the main task makes asyncio.run raise CancelledError (uncaught).
import asyncio
async def main():
    me = asyncio.current_task()
    asyncio.get_running_loop().call_later(0.05, me.cancel)
    print("main sleeping")
    try:
        await asyncio.sleep(1)
    finally:
        print("main finally")
asyncio.run(main())
print("not printed")
