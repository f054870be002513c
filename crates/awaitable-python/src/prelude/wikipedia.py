# Awaitable's `wikipedia` module: the public API and behaviour of the `wikipedia`
# package from PyPI (same requests to the MediaWiki Action API, same title
# resolution through search, same exceptions and messages), written for
# Awaitable. Requests are blocking calls answered by the host, exactly like the
# package's `requests.get`: they block the event loop, which is the point of
# the course's exercise; `asyncio.to_thread(wikipedia.summary, page)` makes
# them overlap.

import _http
import time

API_PATH = '/w/api.php'
TIMEOUT = 10.0
_lang = 'en'
_cache = {}


from wikipedia.exceptions import (
    WikipediaException, PageError, DisambiguationError, RedirectError, HTTPTimeoutError, OfflineError,
)


# Written for Awaitable (not Wikipedia's text) so the course's exercise still
# works without a network. The page says these are stand-ins.
OFFLINE_NOTE = '[Awaitable offline stand-in, not Wikipedia\'s text] '
OFFLINE_SUMMARIES = {
    ('fr', 'coroutine'): "Une coroutine est une fonction qui peut suspendre son exécution et la reprendre plus tard, là où elle s'était arrêtée. En Python, on la définit avec async def et on attend son résultat avec await ; une boucle d'événements fait avancer plusieurs coroutines à tour de rôle pendant que chacune attend.",
    ('fr', 'threading'): "Le threading consiste à faire tourner plusieurs fils d'exécution (threads) dans un même processus. Ils partagent la mémoire du processus ; en CPython, le verrou global de l'interpréteur (GIL) ne laisse qu'un thread exécuter du code Python à la fois, mais les attentes d'entrées-sorties peuvent se recouvrir.",
    ('fr', 'programmation concurrente'): "La programmation concurrente organise un programme en tâches dont les durées d'exécution se chevauchent. Elle n'implique pas forcément du parallélisme : une seule unité de calcul peut alterner entre les tâches, par exemple pendant qu'elles attendent le réseau ou le disque.",
    ('en', 'coroutine'): "A coroutine is a function that can pause its execution and resume later from where it stopped. In Python it is written with async def, and await waits for its result; an event loop advances many coroutines in turn while each of them waits.",
    ('en', 'thread (computing)'): "A thread is a sequence of instructions that runs alongside others inside one process, sharing its memory. In CPython the global interpreter lock lets one thread run Python code at a time, but waits for input and output can overlap.",
    ('en', 'concurrent computing'): "Concurrent computing structures a program as tasks whose lifetimes overlap. It does not require parallel hardware: one processor can switch between tasks, for example while they wait for the network or the disk.",
}


def set_lang(prefix):
    """Use the Wikipedia of this language code ('fr', 'en', 'zh-classical', ...)."""
    global _lang
    code = str(prefix).lower()
    if not code or len(code) > 20 or not all(c.isalnum() and c.isascii() or c == '-' for c in code) or code[0] == '-':
        raise ValueError('invalid Wikipedia language code: {0!r}'.format(prefix))
    _lang = code


def _offline_summary(title):
    key = (_lang, title.replace('_', ' ').lower())
    return OFFLINE_SUMMARIES.get(key)


def _wiki_request(params):
    params['format'] = 'json'
    if 'action' not in params:
        params['action'] = 'query'
    params['origin'] = '*'
    query = '&'.join(_http.quote(str(k)) + '=' + _http.quote(str(v)) for k, v in params.items())
    url = _http.endpoint(_lang) + API_PATH + '?' + query
    for attempt in range(2):
        try:
            status, body, retry_after = _http.get(url, TIMEOUT)
        except TimeoutError:
            raise HTTPTimeoutError(params.get('srsearch') or params.get('titles') or '')
        except ConnectionError as e:
            raise OfflineError(str(e))
        except OSError as e:
            raise WikipediaException(str(e))
        if status == 429 and attempt == 0:
            # One retry, after the server's Retry-After (capped so a cell cannot hang).
            time.sleep(min(retry_after if retry_after is not None else 1.0, 10.0))
            continue
        if status != 200:
            raise WikipediaException('HTTP {0} from the Wikipedia API'.format(status))
        try:
            return _http.json_loads(body)
        except ValueError as e:
            raise WikipediaException('the Wikipedia API sent an unreadable reply ({0})'.format(e))
    raise WikipediaException('HTTP 429 from the Wikipedia API (too many requests)')


def _api_error(raw, query):
    if 'error' in raw:
        info = raw['error'].get('info', '')
        if info in ('HTTP request timed out.', 'Pool queue is full'):
            raise HTTPTimeoutError(query)
        raise WikipediaException(info)


def search(query, results=10, suggestion=False):
    """Titles matching `query` (and the search suggestion, if asked)."""
    params = {'list': 'search', 'srprop': '', 'srlimit': results, 'limit': results, 'srsearch': query}
    if suggestion:
        params['srinfo'] = 'suggestion'
    raw = _wiki_request(params)
    _api_error(raw, query)
    titles = [d['title'] for d in raw['query']['search']]
    if suggestion:
        info = raw['query'].get('searchinfo')
        return titles, (info.get('suggestion') if info else None)
    return titles


class WikipediaPage:
    """A page: `title`, `url`, `pageid`, and `summary` / `content` on demand."""

    def __init__(self, title=None, pageid=None, redirect=True, preload=False, original_title=''):
        if title is not None:
            self.title = title
            self.original_title = original_title or title
        elif pageid is not None:
            self.pageid = pageid
        else:
            raise ValueError('Either a title or a pageid must be specified')
        self._load(redirect=redirect)

    def __repr__(self):
        return '<WikipediaPage \'{0}\'>'.format(self.title)

    def _load(self, redirect=True):
        params = {'prop': 'info|pageprops', 'inprop': 'url', 'ppprop': 'disambiguation', 'redirects': ''}
        if not getattr(self, 'pageid', None):
            params['titles'] = self.title
        else:
            params['pageids'] = self.pageid
        raw = _wiki_request(params)
        _api_error(raw, getattr(self, 'title', ''))
        query = raw['query']
        pageid = list(query['pages'].keys())[0]
        page = query['pages'][pageid]
        if 'missing' in page or 'invalid' in page:
            if hasattr(self, 'title'):
                raise PageError(self.title)
            raise PageError(pageid=self.pageid)
        if 'redirects' in query:
            if not redirect:
                raise RedirectError(getattr(self, 'title', page['title']))
            target = query['redirects'][0]['to']
            self.__init__(target, redirect=redirect)
            return
        if 'pageprops' in page:
            params = {'prop': 'revisions', 'rvprop': 'content', 'rvparse': '', 'rvlimit': 1}
            if getattr(self, 'pageid', None):
                params['pageids'] = self.pageid
            else:
                params['titles'] = self.title
            raw = _wiki_request(params)
            html = raw['query']['pages'][pageid]['revisions'][0]['*']
            raise DisambiguationError(getattr(self, 'title', page['title']), _http.list_links(html))
        self.pageid = pageid
        self.title = page['title']
        self.url = page['fullurl']

    @property
    def summary(self):
        if not hasattr(self, '_summary'):
            params = {'prop': 'extracts', 'explaintext': '', 'exintro': '', 'titles': self.title}
            raw = _wiki_request(params)
            self._summary = raw['query']['pages'][self.pageid]['extract']
        return self._summary

    @property
    def content(self):
        if not hasattr(self, '_content'):
            params = {'prop': 'extracts|revisions', 'explaintext': '', 'rvprop': 'ids', 'titles': self.title}
            raw = _wiki_request(params)
            self._content = raw['query']['pages'][self.pageid]['extract']
        return self._content


def page(title=None, pageid=None, auto_suggest=True, redirect=True, preload=False):
    """The page for `title` (after search's suggestion, as the package does) or `pageid`."""
    if title is not None:
        if not str(title).strip():
            raise ValueError('Either a title or a pageid must be specified')
        if auto_suggest:
            results, suggestion = search(title, results=1, suggestion=True)
            try:
                title = suggestion or results[0]
            except IndexError:
                raise PageError(title)
        return WikipediaPage(title, redirect=redirect, preload=preload)
    if pageid is not None:
        return WikipediaPage(pageid=pageid, preload=preload)
    raise ValueError('Either a title or a pageid must be specified')


def summary(title, sentences=0, chars=0, auto_suggest=True, redirect=True):
    """The plain-text introduction of a page, as `wikipedia.summary` returns it."""
    _http.note_page(_lang, str(title))
    key = (_lang, str(title), sentences, chars, auto_suggest, redirect)
    if key in _cache:
        return _cache[key]
    try:
        info = page(title, auto_suggest=auto_suggest, redirect=redirect)
    except OfflineError:
        stand_in = _offline_summary(str(title))
        if stand_in is None:
            raise
        return OFFLINE_NOTE + stand_in
    params = {'prop': 'extracts', 'explaintext': '', 'titles': info.title}
    if sentences:
        params['exsentences'] = sentences
    elif chars:
        params['exchars'] = chars
    else:
        params['exintro'] = ''
    raw = _wiki_request(params)
    text = raw['query']['pages'][info.pageid]['extract']
    _cache[key] = text
    return text
