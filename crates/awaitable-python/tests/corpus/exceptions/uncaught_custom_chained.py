# Checks an uncaught custom exception raised from another: the last line is the outer one.
class ParseError(Exception):
    pass
def parse(text):
    try:
        return int(text)
    except ValueError as e:
        raise ParseError(f"cannot parse {text!r}") from e
print(parse("12"))
print(parse("twelve"))
