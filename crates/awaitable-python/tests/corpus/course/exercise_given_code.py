# Checks the course's cell (f) sequential version with a stand-in for wikipedia.summary.
import asyncio,time

def summary(page):
    return "Résumé de " + page.replace("_", " ") + "."

def wiki(page):
    time.sleep(0.1)
    print('\n',summary(page))

def main():
    print("Subroutine :")
    start_time=time.time()
    wiki("Coroutine")
    wiki("Threading")
    wiki("Programmation_concurrente")
    end_time=time.time()
    print("\nDurée totale d'exécution: %.1f secondes" % (end_time - start_time))

main()
