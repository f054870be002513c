# Checks that `await` inside a plain def is a SyntaxError.
import asyncio

print("not printed")

def helper():
    await asyncio.sleep(0)

helper()
