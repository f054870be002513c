# Checks that the course's cell (c), `await exemple()` at the top level of a script, is a SyntaxError.
import asyncio,time

async def exemple():
    print("Nous essayons les coroutines.")

print("never printed: the file does not compile")
await exemple()
