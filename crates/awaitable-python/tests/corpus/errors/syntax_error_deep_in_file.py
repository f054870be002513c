# Checks that a syntax error late in a file prevents earlier lines from running.
import asyncio
print("line 3 not printed")
def fine():
    return 1
async def also_fine():
    return await asyncio.sleep(0, 2)
x = [1, 2, 3
y = 4
print(x, y)
