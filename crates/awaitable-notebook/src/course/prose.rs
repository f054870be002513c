//! The course's explanations, in French and English, as Markdown.
//!
//! Written for Awaitable from the course's outline: the same ideas in the
//! same order, with the outline's known flaws fixed (see the notes on
//! [`E_AFTER`] and [`SOLUTION_AFTER`]). The two languages must keep the same
//! structure (headings, lists, code blocks); a test checks it.

/// One explanation in both languages.
pub(crate) struct Text {
    pub(crate) fr: &'static str,
    pub(crate) en: &'static str,
}

/// Title and what the page shows under each run.
pub(crate) const INTRO: Text = Text {
    fr: r##"# Fonctions asynchrones

Ce notebook vous fait découvrir la programmation asynchrone en Python avec `async`, `await` et le module `asyncio`. Chaque cellule de code s'exécute vraiment, ici, dans la page : modifiez-la, relancez-la, comparez.

Sous chaque exécution, Awaitable affiche :

- la **durée** de l'exécution et ce qu'elle a affiché ;
- une **frise chronologique** qui montre ce que chaque tâche a fait, et quand ;
- le **pouls** de la boucle d'événements : quand il s'interrompt, la boucle est bloquée et aucune autre tâche ne peut avancer."##,
    en: r##"# Asynchronous functions

This notebook introduces asynchronous programming in Python with `async`, `await` and the `asyncio` module. Every code cell really runs, right here in the page: edit it, run it again, compare.

Under each run, Awaitable shows:

- the run's **duration** and what it printed;
- a **timeline** of what each task did, and when;
- the event loop's **heartbeat**: when it pauses, the loop is blocked and no other task can make progress."##,
};

/// Section 1: synchronous versus asynchronous, concurrency, why it helps.
pub(crate) const REMINDER: Text = Text {
    fr: r##"## 1. Rappel : synchrone ou asynchrone ?

Imaginez trois tâches qui passent l'essentiel de leur temps à **attendre** : une réponse du réseau, un fichier, un minuteur.

- Un programme **synchrone** les traite l'une après l'autre : la tâche 2 ne commence qu'une fois la tâche 1 terminée, et la tâche 3 attend la fin de la tâche 2.
- Un programme **asynchrone** lance lui aussi les tâches dans l'ordre, mais sans attendre que la précédente soit finie : pendant que l'une attend, une autre avance.

```text
synchrone    tâche 1 ████████
             tâche 2         ████████
             tâche 3                 ████████

asynchrone   tâche 1 ████████
             tâche 2  ████████
             tâche 3   ████████
```

Les tâches asynchrones progressent donc dans le même intervalle de temps : elles s'exécutent de façon **concurrente**. Concurrent ne veut pas dire *au même instant* : les tâches se relaient, chacune profitant des temps morts des autres.

### À quoi ça sert ?

- **Gagner du temps** : trois attentes de 10 secondes qui se chevauchent durent environ 10 secondes au total, pas 30.
- **Rester réactif** : un programme qui n'est pas figé dans une attente continue de répondre (à un utilisateur, à d'autres requêtes) et supporte mieux un nombre croissant de tâches."##,
    en: r##"## 1. Reminder: synchronous or asynchronous?

Picture three jobs that spend most of their time **waiting**: for a network reply, a file, a timer.

- A **synchronous** program handles them one after the other: job 2 starts only once job 1 is finished, and job 3 waits for job 2 to end.
- An **asynchronous** program also starts the jobs in order, but without waiting for the previous one to finish: while one waits, another makes progress.

```text
synchronous   job 1 ████████
              job 2         ████████
              job 3                 ████████

asynchronous  job 1 ████████
              job 2  ████████
              job 3   ████████
```

Asynchronous jobs thus progress within the same stretch of time: they run **concurrently**. Concurrent does not mean *at the same instant*: the jobs take turns, each one using the others' idle time.

### What is it good for?

- **Saving time**: three 10-second waits that overlap take about 10 seconds in total, not 30.
- **Staying responsive**: a program that is not frozen in a wait keeps answering (a user, other requests) and copes better with a growing number of jobs."##,
};

/// Section 2, first part: the GIL, threads versus coroutines.
pub(crate) const THREADS: Text = Text {
    fr: r##"## 2. La programmation asynchrone en Python

### Le GIL

CPython protège sa mémoire avec un verrou global, le **GIL** (*Global Interpreter Lock*) : à chaque instant, un seul thread d'un processus exécute du code Python. Plusieurs threads peuvent attendre en même temps, car le verrou est relâché pendant une attente (réseau, `time.sleep`), mais ils ne calculent pas en parallèle.

### Threads ou coroutines ?

Il y a deux grandes façons d'obtenir de la concurrence dans un processus :

- les **threads**, que le système d'exploitation fait alterner quand il le décide ;
- les **coroutines**, écrites avec `async` et `await`, qui vivent à l'intérieur d'un thread et cèdent elles-mêmes la main, à chaque `await`.

```text
processus
└── thread
    ├── coroutine 1
    ├── coroutine 2
    └── coroutine 3
```

Les coroutines sont plus légères : en créer des milliers ne coûte presque rien, et passer de l'une à l'autre ne demande aucun changement de contexte du système. C'est le programme, et non le système, qui décide quand elles se relaient. En contrepartie, elles offrent de la **concurrence**, jamais du **parallélisme** : deux coroutines d'un même thread n'exécutent jamais du code au même instant."##,
    en: r##"## 2. Asynchronous programming in Python

### The GIL

CPython protects its memory with a global lock, the **GIL** (*Global Interpreter Lock*): at any moment, only one thread of a process runs Python code. Several threads can wait at the same time, because the lock is released during a wait (network, `time.sleep`), but they do not compute in parallel.

### Threads or coroutines?

There are two main ways to get concurrency inside a process:

- **threads**, which the operating system switches between whenever it decides to;
- **coroutines**, written with `async` and `await`, which live inside a thread and hand over control themselves, at each `await`.

```text
process
└── thread
    ├── coroutine 1
    ├── coroutine 2
    └── coroutine 3
```

Coroutines are lighter: creating thousands of them costs almost nothing, and switching from one to another needs no context switch by the system. The program, not the system, decides when they take turns. In exchange, they give **concurrency**, never **parallelism**: two coroutines of the same thread never run code at the same instant."##,
};

/// Section 2: coroutine function versus object, awaitables; before cell (a).
pub(crate) const COROUTINES: Text = Text {
    fr: r##"### Fonctions, coroutines et awaitables

Une fonction ordinaire, définie avec `def`, a un seul point d'entrée et un seul point de sortie : une fois appelée, elle s'exécute jusqu'au bout. (Une fonction que l'on passe à une autre pour qu'elle l'appelle plus tard s'appelle un *callback*.)

Une **coroutine** est une forme plus générale de fonction : elle peut **se suspendre** en chemin, puis **reprendre** là où elle s'était arrêtée. Le mot désigne deux choses à bien distinguer :

- la **fonction coroutine**, définie avec `async def` ;
- l'**objet coroutine**, que renvoie l'appel d'une fonction coroutine : un travail prêt à démarrer, mais pas encore démarré.

Le module `asyncio` fait tourner les coroutines. Il manipule des **awaitables**, les objets que l'on peut placer après `await` :

- les **coroutines** ;
- les **tâches** (`asyncio.Task`), qui enveloppent une coroutine pour la planifier et la faire avancer en concurrence avec d'autres ;
- les **futures**, qui représentent un résultat qui n'existe pas encore.

Ce notebook utilise surtout les deux premiers.

**(a)** Exécutez la cellule suivante : elle importe `asyncio` et `time`, puis définit une première fonction coroutine, `exemple`, qui affiche une phrase."##,
    en: r##"### Functions, coroutines and awaitables

An ordinary function, defined with `def`, has a single entry and a single exit: once called, it runs to the end. (A function handed to another one so that it can call it later is a *callback*.)

A **coroutine** is a more general kind of function: it can **suspend** itself along the way, then **resume** where it stopped. The word covers two things worth telling apart:

- the **coroutine function**, defined with `async def`;
- the **coroutine object**, returned by calling a coroutine function: a piece of work ready to start, but not started yet.

The `asyncio` module runs coroutines. It deals with **awaitables**, the objects that can follow `await`:

- **coroutines**;
- **tasks** (`asyncio.Task`), which wrap a coroutine to schedule it and move it forward concurrently with others;
- **futures**, which stand for a result that does not exist yet.

This notebook mostly uses the first two.

**(a)** Run the next cell: it imports `asyncio` and `time`, then defines a first coroutine function, `exemple`, which prints a sentence."##,
};

/// Before cell (b): calling a coroutine function does not run it.
pub(crate) const B_BEFORE: Text = Text {
    fr: r##"Appeler une fonction coroutine comme une fonction ordinaire **n'exécute pas** son corps : on obtient un objet coroutine, que le notebook affiche sous la forme `<coroutine object exemple at 0x...>`. Aucune phrase ne s'affiche. Si un tel objet est abandonné sans avoir été attendu, Python prévient par un avertissement `coroutine ... was never awaited` : c'est presque toujours un `await` oublié.

**(b)** Exécutez la cellule pour voir cet objet."##,
    en: r##"Calling a coroutine function like an ordinary function **does not run** its body: you get a coroutine object, which the notebook shows as `<coroutine object exemple at 0x...>`. No sentence is printed. If such an object is dropped without being awaited, Python warns with `coroutine ... was never awaited`: that is almost always a forgotten `await`.

**(b)** Run the cell to see that object."##,
};

/// Before cell (c): the event loop, `asyncio.run` versus `await` in a notebook.
pub(crate) const EVENT_LOOP: Text = Text {
    fr: r##"### La boucle d'événements

Pour s'exécuter, une coroutine a besoin d'une **boucle d'événements** (*event loop*), le moteur d'`asyncio`. La boucle fait avancer une coroutine jusqu'à un `await` sur quelque chose qui n'est pas encore prêt ; elle la met alors de côté et en profite pour faire avancer une autre coroutine. Quand l'attente se termine, la première reprend exactement là où elle s'était arrêtée.

```text
coroutine 1   étape 1 ─ étape 2 ─ await ·············· étape 3
coroutine 2                             étape 1 ─ étape 2
```

Dans un script Python, on démarre la boucle avec `asyncio.run`, qui exécute une coroutine jusqu'à la fin :

```python
asyncio.run(exemple())
```

Dans un notebook, que ce soit Jupyter ou cette page, une boucle tourne **déjà** : `asyncio.run` y lèverait `RuntimeError: asyncio.run() cannot be called from a running event loop`. On écrit simplement `await` au premier niveau de la cellule, et c'est la boucle du notebook qui exécute la coroutine.

**(c)** Exécutez la cellule : cette fois, la phrase s'affiche."##,
    en: r##"### The event loop

To run, a coroutine needs an **event loop**, the engine of `asyncio`. The loop moves a coroutine forward until an `await` on something that is not ready yet; it then sets it aside and uses the time to move another coroutine forward. When the wait is over, the first one resumes exactly where it stopped.

```text
coroutine 1   step 1 ─ step 2 ─ await ·············· step 3
coroutine 2                           step 1 ─ step 2
```

In a Python script, the loop is started with `asyncio.run`, which runs a coroutine to the end:

```python
asyncio.run(exemple())
```

In a notebook, Jupyter or this page, a loop is **already** running: `asyncio.run` would raise `RuntimeError: asyncio.run() cannot be called from a running event loop` there. You simply write `await` at the top level of the cell, and the notebook's loop runs the coroutine.

**(c)** Run the cell: this time, the sentence is printed."##,
};

/// Before cell (d): blocking and non-blocking waits, `asyncio.gather`.
pub(crate) const SLEEP: Text = Text {
    fr: r##"### Attendre sans bloquer

Deux façons d'attendre :

- `time.sleep(10)` est **bloquant** : tout le thread s'arrête 10 secondes, et la boucle d'événements avec lui. Aucune autre coroutine ne peut avancer.
- `await asyncio.sleep(10)` est **non bloquant** : la coroutine se suspend, et la boucle emploie ces 10 secondes à faire avancer les autres.

Dans la cellule suivante, une fonction `nom` affiche un prénom après 10 secondes d'attente. La première moitié l'appelle trois fois avec des fonctions ordinaires ; la seconde réécrit le tout avec des coroutines et lance les trois appels ensemble avec `asyncio.gather`, qui les fait tourner en concurrence et attend qu'ils soient tous terminés.

**(d)** Exécutez la cellule, qui dure environ 40 secondes, et comparez les deux durées affichées. Pendant la première moitié, le pouls montre une boucle bloquée par `time.sleep`."##,
    en: r##"### Waiting without blocking

Two ways to wait:

- `time.sleep(10)` is **blocking**: the whole thread stops for 10 seconds, and the event loop with it. No other coroutine can make progress.
- `await asyncio.sleep(10)` is **non-blocking**: the coroutine suspends itself, and the loop spends those 10 seconds moving the others forward.

In the next cell, a function `nom` prints a first name after waiting 10 seconds. The first half calls it three times with ordinary functions; the second half rewrites it all with coroutines and starts the three calls together with `asyncio.gather`, which runs them concurrently and waits until all of them are done. (`Durée totale d'exécution` is French for total execution time.)

**(d)** Run the cell, which takes about 40 seconds, and compare the two durations it prints. During the first half, the heartbeat shows a loop blocked by `time.sleep`."##,
};

/// After cell (d): why the time is divided by three.
pub(crate) const D_AFTER: Text = Text {
    fr: r##"La version synchrone dure environ **30 secondes** (3 × 10), la version avec coroutines environ **10 secondes** : le temps est divisé par trois, car les trois `asyncio.sleep` se chevauchent. La frise le montre bien : trois tâches qui attendent côte à côte au lieu de trois attentes bout à bout. Les prénoms s'affichent dans l'ordre où `gather` a reçu les coroutines, parce que leurs attentes, commencées dans cet ordre, se terminent dans le même ordre."##,
    en: r##"The synchronous version takes about **30 seconds** (3 × 10), the coroutine version about **10 seconds**: the time is divided by three, because the three `asyncio.sleep` calls overlap. The timeline makes it plain: three tasks waiting side by side instead of three waits end to end. The names come out in the order `gather` received the coroutines, because their waits, started in that order, end in that order too."##,
};

/// Before cell (e): tasks, the big-integer computation, the 4300-digit limit.
pub(crate) const E_BEFORE: Text = Text {
    fr: r##"### Les tâches

Autre façon de lancer des coroutines en concurrence : en faire des **tâches** avec `asyncio.create_task`. La tâche est planifiée aussitôt et démarre dès que la coroutine en cours cède la main, par exemple à son prochain `await`.

La cellule suivante mêle deux sortes de travail :

- `nom` affiche `Daniel` après 10 secondes d'attente ;
- `calcul(x)` calcule `x**1000000`, un entier de plusieurs centaines de milliers de **chiffres**, puis affiche ses deux premiers chiffres. C'est du calcul pur, sans aucune attente.

Comme en (d), la première moitié utilise des fonctions ordinaires, la seconde des coroutines lancées comme tâches.

> **Avec CPython 3.11 ou plus récent.** Pour éviter des conversions très coûteuses, CPython refuse par défaut de convertir en texte un entier de plus de 4300 chiffres : `str(5**1000000)` y lève `ValueError: Exceeds the limit (4300 digits) for integer string conversion`. Pour exécuter cette cellule avec CPython, lancez d'abord `import sys` puis `sys.set_int_max_str_digits(0)`, qui supprime la limite. Awaitable n'a pas de limite par défaut, comme les versions de Python antérieures à 3.11.

**(e)** Exécutez la cellule et observez l'ordre des affichages et les deux durées."##,
    en: r##"### Tasks

Another way to run coroutines concurrently is to turn them into **tasks** with `asyncio.create_task`. The task is scheduled at once and starts as soon as the running coroutine hands over control, for example at its next `await`.

The next cell mixes two kinds of work:

- `nom` prints `Daniel` after waiting 10 seconds;
- `calcul(x)` computes `x**1000000`, an integer with hundreds of thousands of **digits**, then prints its first two digits. It is pure computation, with no waiting at all.

As in (d), the first half uses ordinary functions, the second half coroutines started as tasks.

> **With CPython 3.11 or later.** To avoid very costly conversions, CPython by default refuses to turn an integer of more than 4300 digits into text: `str(5**1000000)` raises `ValueError: Exceeds the limit (4300 digits) for integer string conversion` there. To run this cell with CPython, first run `import sys` then `sys.set_int_max_str_digits(0)`, which lifts the limit. Awaitable has no limit by default, like Python versions before 3.11.

**(e)** Run the cell and watch the order of the prints and the two durations."##,
};

/// After cell (e): what overlaps and what does not; the gain, honestly.
pub(crate) const E_AFTER: Text = Text {
    fr: r##"Dans la version synchrone, tout se suit : `Daniel` après 10 secondes, puis `10` et `17`, les deux premiers chiffres de `5**1000000` et de `3**1000000`.

Dans la version avec tâches, l'ordre change : `10`, `17`, puis `Daniel`. Voici pourquoi :

1. `main` crée les trois tâches ; aucune ne démarre tant que `main` n'a pas cédé la main.
2. `await task1` suspend `main` : la tâche 1 démarre et s'arrête aussitôt sur `asyncio.sleep(10)`.
3. La boucle lance alors la tâche 2, puis la tâche 3. Leurs calculs ne contiennent aucun `await` : chacune garde la boucle jusqu'à la fin de son calcul.
4. Les 10 secondes de la tâche 1 s'écoulent pendant ces calculs, et `Daniel` s'affiche en dernier.

Le gain vient d'un seul chevauchement : **l'attente recouvre les calculs**. Les deux calculs, eux, ne se chevauchent jamais : ils passent l'un après l'autre, et pendant chacun d'eux la boucle est bloquée, comme le montre le pouls. La version synchrone dure 10 secondes plus le temps des calculs ; la version avec tâches dure à peu près le plus long des deux.

Le temps n'est donc divisé par deux que si les calculs durent eux aussi environ 10 secondes, ce qui arrivait quand la conversion d'un si grand entier en texte était lente. Avec une arithmétique rapide des grands entiers, les calculs prennent bien moins de temps et le gain est plus modeste : comparez les deux durées affichées. Pour accélérer du calcul pur, il faut du vrai parallélisme, avec plusieurs processus, pas des coroutines."##,
    en: r##"In the synchronous version everything happens in turn: `Daniel` after 10 seconds, then `10` and `17`, the first two digits of `5**1000000` and `3**1000000`.

In the task version the order changes: `10`, `17`, then `Daniel`. Here is why:

1. `main` creates the three tasks; none of them starts until `main` hands over control.
2. `await task1` suspends `main`: task 1 starts and stops right away on `asyncio.sleep(10)`.
3. The loop then runs task 2, then task 3. Their computations contain no `await`: each keeps the loop until its computation is over.
4. Task 1's 10 seconds go by during those computations, and `Daniel` is printed last.

The gain comes from a single overlap: **the wait covers the computations**. The two computations never overlap each other: they run one after the other, and during each of them the loop is blocked, as the heartbeat shows. The synchronous version takes 10 seconds plus the computing time; the task version takes roughly the longer of the two.

So the time is only divided by two if the computations also take about 10 seconds, which happened when turning such a big integer into text was slow. With fast big-integer arithmetic the computations take much less time and the gain is more modest: compare the two durations printed. To speed up pure computation you need real parallelism, with several processes, not coroutines."##,
};

/// Section 3: the exercise, before cell (f).
pub(crate) const EXERCISE: Text = Text {
    fr: r##"## 3. Exercice

À vous ! La cellule (f) affiche le résumé de trois pages de Wikipédia en français, `Coroutine`, `Threading` et `Programmation_concurrente`, avec le module `wikipedia`. Avant chaque requête, `wiki` attend 6 secondes avec `time.sleep`, comme un service lent. Les trois appels se suivent : comptez au moins 18 secondes, plus le temps des requêtes.

**(f)** Exécutez d'abord cette cellule : sa durée servira de référence."##,
    en: r##"## 3. Exercise

Your turn! Cell (f) prints the summary of three French Wikipedia pages, `Coroutine`, `Threading` and `Programmation_concurrente`, with the `wikipedia` module. Before each request, `wiki` waits 6 seconds with `time.sleep`, like a slow service. The three calls run one after another: expect at least 18 seconds, plus the time of the requests.

**(f)** Run this cell first: its duration will be the reference."##,
};

/// Between cell (f) and the learner's cell: the goal and the checks.
pub(crate) const EXERCISE_TASK: Text = Text {
    fr: r##"Dans la cellule ci-dessous, réécrivez ce programme avec des coroutines pour qu'il s'exécute **plus vite**, tout en affichant les trois résumés. Quand vous l'exécutez, Awaitable vérifie que :

- votre code définit des coroutines (`async def`) et les lance en concurrence (`asyncio.gather`, `asyncio.create_task`...), avec au moins trois tâches ;
- les trois pages sont demandées et leurs trois résumés affichés, séparés par une ligne vide comme dans (f) ;
- votre version est plus rapide que la cellule (f).

Indice : quelle attente empêche les autres d'avancer, et par quoi la remplacer ?"##,
    en: r##"In the cell below, rewrite this program with coroutines so that it runs **faster**, while still printing the three summaries. When you run it, Awaitable checks that:

- your code defines coroutines (`async def`) and runs them concurrently (`asyncio.gather`, `asyncio.create_task`...), with at least three tasks;
- the three pages are requested and their three summaries printed, separated by a blank line as in (f);
- your version is faster than cell (f).

Hint: which wait stops the others from making progress, and what can replace it?"##,
};

/// Before the solution.
pub(crate) const SOLUTION_BEFORE: Text = Text {
    fr: r##"### Une solution

La fonction `wiki` devient une fonction coroutine, `wiki_async`, qui attend avec `await asyncio.sleep(6)` au lieu de `time.sleep(6)`. La coroutine `main` lance les trois pages ensemble avec `asyncio.gather`, puis affiche la durée totale."##,
    en: r##"### A solution

The function `wiki` becomes a coroutine function, `wiki_async`, which waits with `await asyncio.sleep(6)` instead of `time.sleep(6)`. The `main` coroutine starts the three pages together with `asyncio.gather`, then prints the total duration."##,
};

/// After the solution: the requests still block the loop; `to_thread`.
pub(crate) const SOLUTION_AFTER: Text = Text {
    fr: r##"Les trois attentes de 6 secondes se chevauchent désormais : la version avec coroutines gagne environ 12 secondes.

Regardez pourtant la frise : les trois requêtes à Wikipédia, elles, se suivent toujours. `wikipedia.summary` est une fonction **bloquante**, sans `await` : pendant qu'elle attend la réponse du réseau, la boucle est bloquée et les autres tâches patientent. Seules les attentes `asyncio.sleep` se recouvrent.

Pour que les requêtes se chevauchent aussi, l'étape suivante confie l'appel bloquant à un thread avec `asyncio.to_thread` ; la coroutine attend son résultat sans bloquer la boucle :

```python
async def wiki_async(page):
    await asyncio.sleep(6)
    summary = await asyncio.to_thread(wikipedia.summary, page)
    print('\n', summary)
```

Les trois requêtes partent alors ensemble, et le total se rapproche de 6 secondes plus la requête la plus lente. Les bibliothèques réseau asynchrones (comme `aiohttp` ou `httpx`) suivent la même idée : ne jamais bloquer la boucle pendant une attente."##,
    en: r##"The three 6-second waits now overlap: the coroutine version saves about 12 seconds.

Yet look at the timeline: the three Wikipedia requests still run one after another. `wikipedia.summary` is a **blocking** function, with no `await`: while it waits for the network's answer, the loop is blocked and the other tasks wait. Only the `asyncio.sleep` waits overlap.

To make the requests overlap too, the next step hands the blocking call to a thread with `asyncio.to_thread`; the coroutine awaits its result without blocking the loop:

```python
async def wiki_async(page):
    await asyncio.sleep(6)
    summary = await asyncio.to_thread(wikipedia.summary, page)
    print('\n', summary)
```

The three requests then go out together, and the total gets close to 6 seconds plus the slowest request. Asynchronous network libraries (such as `aiohttp` or `httpx`) follow the same idea: never block the loop during a wait."##,
};

/// Section 4: conclusion.
pub(crate) const CONCLUSION: Text = Text {
    fr: r##"## 4. Conclusion

- Les coroutines rentabilisent les **temps d'attente** : pendant qu'une tâche attend, la boucle d'événements en fait avancer une autre.
- Elles sont simples à écrire : `async def` pour les définir, `await` pour attendre, `asyncio.gather` ou `asyncio.create_task` pour les lancer ensemble.
- Une attente ne profite aux autres que si elle est **non bloquante** : `time.sleep`, un long calcul ou une bibliothèque synchrone bloquent toute la boucle.
- Coroutines et threads ne s'excluent pas : on peut les combiner, comme le fait `asyncio.to_thread`.
- Les coroutines apportent de la concurrence, pas du **parallélisme** : pour répartir du calcul sur plusieurs cœurs, il faut plusieurs processus (`concurrent.futures.ProcessPoolExecutor`, `multiprocessing`)."##,
    en: r##"## 4. Conclusion

- Coroutines put **waiting time** to use: while one task waits, the event loop moves another one forward.
- They are simple to write: `async def` to define them, `await` to wait, `asyncio.gather` or `asyncio.create_task` to start them together.
- A wait only helps the others if it is **non-blocking**: `time.sleep`, a long computation or a synchronous library block the whole loop.
- Coroutines and threads do not exclude each other: they can be combined, as `asyncio.to_thread` does.
- Coroutines bring concurrency, not **parallelism**: to spread computation over several cores you need several processes (`concurrent.futures.ProcessPoolExecutor`, `multiprocessing`)."##,
};
