# Checks raise ... from, __cause__, __context__ and __suppress_context__.
class ConfigError(Exception):
    pass
def load(key):
    try:
        return {"a": 1}[key]
    except KeyError as e:
        raise ConfigError(f"missing key {key}") from e
try:
    load("b")
except ConfigError as e:
    print(repr(e), repr(e.__cause__), type(e.__context__).__name__, e.__suppress_context__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("during handling")
except ValueError as e:
    print(repr(e), e.__cause__, repr(e.__context__), e.__suppress_context__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("hidden") from None
except ValueError as e:
    print(repr(e), e.__cause__, e.__suppress_context__)
