//! The course's code cells, exactly as the course ran them (see
//! `tests/fixtures/course-cells.md`); only the solution is fixed, to gather
//! the third page too. Do not reformat: a test compares them byte for byte.

/// Cell (a): imports `asyncio` and `time` and defines the first coroutine function.
pub(crate) const A: &str = r#"import asyncio,time

async def exemple():
    print("Nous essayons les coroutines.")"#;

/// Cell (b): calling a coroutine function only returns a coroutine object.
pub(crate) const B: &str = r#"exemple()"#;

/// Cell (c): `await` runs the coroutine on the notebook's running loop.
pub(crate) const C: &str = r#"await exemple()"#;

/// Cell (d): three 10-second waits, with `time.sleep` then with `asyncio.gather`.
pub(crate) const D: &str = r#"def nom(prenom):
    name=prenom
    time.sleep(10)
    print(name)

def main():
    print("Subroutine :")
    start_time = time.time()
    nom('Daniel')
    nom('Donna')
    nom('Diane')
    end_time = time.time()
    print("Durée totale d'exécution: %.2f secondes" % (end_time - start_time))

main()

async def nom_async(prenom):
    name=prenom
    await asyncio.sleep(10)
    print(name)

async def main():
    print("\nCoroutine :")
    start_time = time.time()
    await asyncio.gather(nom_async('Daniel'), nom_async('Donna'), nom_async('Diane'))
    end_time = time.time()
    print("Durée totale d'exécution: %.2f secondes" % (end_time - start_time))

await main()"#;

/// Cell (e): one wait and two big-integer computations, as functions then as tasks.
pub(crate) const E: &str = r#"def nom():
    name="Daniel"
    time.sleep(10)
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
    print("Durée totale d'exécution: %.2f secondes" % (end_time - start_time))

main()

async def nom_async():
    name="Daniel"
    await asyncio.sleep(10)
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
    print("Durée totale d'exécution: %.2f secondes" % (end_time - start_time))

await main()"#;

/// Cell (f): the exercise's synchronous starting point, three Wikipedia summaries.
pub(crate) const F: &str = r#"import asyncio,wikipedia,time
wikipedia.set_lang("fr")

def wiki(page):
    time.sleep(6)
    print('\n',wikipedia.summary(page))

def main():
    print("Subroutine :")
    start_time=time.time()
    wiki("Coroutine")
    wiki("Threading")
    wiki("Programmation_concurrente")
    end_time=time.time()
    print("\nDurée totale d'exécution: %.2f secondes" % (end_time - start_time))

main()"#;

/// The learner's cell, as it starts.
pub(crate) const EXERCISE: &str = r#"# Insérez votre code
import asyncio,wikipedia,time
wikipedia.set_lang("fr")"#;

/// The solution, gathering all three pages.
pub(crate) const SOLUTION: &str = r#"import asyncio,wikipedia,time
wikipedia.set_lang("fr")

async def wiki_async(page):
    await asyncio.sleep(6)
    print('\n',wikipedia.summary(page))

async def main():
    print("Coroutine :")
    start_time=time.time()
    await asyncio.gather(wiki_async("Coroutine"),wiki_async("Threading"),wiki_async("Programmation_concurrente"))
    end_time=time.time()
    print("\nDurée totale d'exécution: %.2f secondes" % (end_time - start_time))

await main()"#;
