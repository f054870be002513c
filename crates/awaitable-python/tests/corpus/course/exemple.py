# Checks the course's cell (a) run as a script with asyncio.run(exemple()).
import asyncio,time

async def exemple():
    print("Nous essayons les coroutines.")

asyncio.run(exemple())
