# Checks the course's exercise solution with a stand-in for wikipedia.summary, gathering all three pages.
import asyncio,time

RESUMES = {
    "Coroutine": "Une coroutine est une unité de traitement.",
    "Threading": "Un thread est un fil d'exécution.",
    "Programmation_concurrente": "La programmation concurrente est un paradigme.",
}

def summary(page):
    return RESUMES[page]

async def wiki_async(page):
    await asyncio.sleep(0.1)
    print('\n',summary(page))

async def main():
    print("Coroutine :")
    start_time=time.time()
    await asyncio.gather(wiki_async("Coroutine"),wiki_async("Threading"),wiki_async("Programmation_concurrente"))
    end_time=time.time()
    print("\nDurée totale d'exécution: %.1f secondes" % (end_time - start_time))

asyncio.run(main())
