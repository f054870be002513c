# Checks escape sequences and their repr.
s = "tab\there\nnew line \\ backslash \"quote\" 'single'"
print(s)
print(repr(s))
print(repr("\x41\u00e9\U0001F600"), "\x41\u00e9")
print(len("\n"), len("\\n"), ord("\t"), repr("\0"), repr("\x7f"))
print('it\'s', "say \"hi\"", repr("it's"), repr('say "hi"'), repr("both ' and \""))
print("a\
b")
print(repr("\r\a\b\f\v"))
