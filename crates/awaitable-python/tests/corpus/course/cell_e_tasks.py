# Checks the course's cell (e) as a script with the real x**1000000 (prints 10 and 17); durations are CPU-bound, so only their lower bound is printed.
import asyncio,time

def nom():
    name="Daniel"
    time.sleep(0.1)
    print(name)

def calcul(x):
    x=x**1000000
    y=int(str(x)[:2])
    print(y)

def main():
    print("Subroutine :")
    start_time = time.time()
    nom()
    calcul(5)
    calcul(3)
    end_time = time.time()
    print("Durée totale d'exécution >= 0.1 secondes:", end_time - start_time >= 0.1)

main()

async def nom_async():
    name="Daniel"
    await asyncio.sleep(0.1)
    print(name)

async def calcul_async(x):
    x=x**1000000
    y=int(str(x)[:2])
    print(y)

async def main():
    print("\nCoroutine :")
    start_time = time.time()
    task1= asyncio.create_task(nom_async())
    task2= asyncio.create_task(calcul_async(5))
    task3= asyncio.create_task(calcul_async(3))

    await task1
    await task2
    await task3

    end_time = time.time()
    print("Durée totale d'exécution >= 0.1 secondes:", end_time - start_time >= 0.1)

asyncio.run(main())
