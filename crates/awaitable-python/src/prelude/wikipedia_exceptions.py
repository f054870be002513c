# The exceptions of Awaitable's `wikipedia` module, with the `wikipedia`
# package's names and messages.


class WikipediaException(Exception):
    def __init__(self, error):
        self.error = error

    def __str__(self):
        return 'An unknown error occured: "{0}". Please report it on GitHub!'.format(self.error)


class PageError(WikipediaException):
    def __init__(self, pageid=None, *args):
        if pageid:
            self.pageid = pageid
        else:
            self.title = args[0]

    def __str__(self):
        if hasattr(self, 'title'):
            return '"{0}" does not match any pages. Try another query!'.format(self.title)
        return 'Page id "{0}" does not match any pages. Try another id!'.format(self.pageid)


class DisambiguationError(WikipediaException):
    def __init__(self, title, may_refer_to):
        self.title = title
        self.options = may_refer_to

    def __str__(self):
        return '"{0}" may refer to: \n{1}'.format(self.title, '\n'.join(self.options))


class RedirectError(WikipediaException):
    def __init__(self, title):
        self.title = title

    def __str__(self):
        return ('"{0}" resulted in a redirect. Set the redirect property to True '
                'to allow automatic redirects.').format(self.title)


class HTTPTimeoutError(WikipediaException):
    def __init__(self, query):
        self.query = query

    def __str__(self):
        return ('Searching for "{0}" resulted in a timeout. Try again in a few seconds, '
                'and make sure you have properly set the language.').format(self.query)


class OfflineError(WikipediaException):
    """No network: the request could not reach Wikipedia."""

    def __str__(self):
        return 'offline: {0}'.format(self.error)
