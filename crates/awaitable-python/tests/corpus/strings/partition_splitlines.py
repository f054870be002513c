# Checks partition/rpartition and splitlines with keepends.
print("key=value=x".partition("="))
print("key=value=x".rpartition("="))
print("novalue".partition("="), "novalue".rpartition("="))
text = "line one\nline two\r\nline three\rlast"
print(text.splitlines())
print(text.splitlines(True))
print("trailing\n".splitlines(), "".splitlines(), "\n\n".splitlines())
print("a\nb\n".split("\n"))
