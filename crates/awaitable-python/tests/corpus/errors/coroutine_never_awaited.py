# Checks that calling a coroutine function without awaiting it warns on stderr and runs nothing.
import asyncio
async def f():
    print("never printed")
def main():
    f()
    print("called f() without awaiting it")
main()
print("program continues")
