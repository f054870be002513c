import asyncio


class Resource:
    async def __aenter__(self):
        print("open")
        return self

    async def __aexit__(self, *exc):
        print("close")
        return False


async def numbers(limit):
    n = 0
    while n < limit:
        yield n
        n += 1


def decorate(func):
    def wrapper(*args, **kwargs):
        print("calling", func.__name__)
        return func(*args, **kwargs)

    return wrapper


@decorate
async def main():
    async with Resource() as resource:
        async for n in numbers(3):
            print(n, resource is not None)
    squares = [n * n async for n in numbers(4)]
    if (count := len(squares)) > 3:
        print(count, squares)
    results = await asyncio.wait_for(asyncio.sleep(0, result="ok"), timeout=1)
    print(results)


asyncio.run(main())
