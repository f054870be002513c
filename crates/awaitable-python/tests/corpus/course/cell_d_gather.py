# Checks the course's cell (d) as a script: three blocking sleeps, then three gathered asyncio.sleep calls.
import asyncio,time

def nom(prenom):
    name=prenom
    time.sleep(0.1)
    print(name)

def main():
    print("Subroutine :")
    start_time = time.time()
    nom('Daniel')
    nom('Donna')
    nom('Diane')
    end_time = time.time()
    print("Durée totale d'exécution: %.1f secondes" % (end_time - start_time))

main()

async def nom_async(prenom):
    name=prenom
    await asyncio.sleep(0.1)
    print(name)

async def main():
    print("\nCoroutine :")
    start_time = time.time()
    await asyncio.gather(nom_async('Daniel'), nom_async('Donna'), nom_async('Diane'))
    end_time = time.time()
    print("Durée totale d'exécution: %.1f secondes" % (end_time - start_time))

asyncio.run(main())
