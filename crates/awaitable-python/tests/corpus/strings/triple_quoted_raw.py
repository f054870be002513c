# Checks triple-quoted strings, raw strings and implicit concatenation.
doc = """first line
  second "quoted" line
third"""
print(doc)
print(doc.count("\n"))
single = '''it's
fine'''
print(repr(single))
raw = r"C:\new\table\n"
print(raw, len(raw))
print(repr(r"\d+\.\d*"))
joined = "abc" "def" 'ghi'
print(joined)
long_text = ("part one, "
             "part two")
print(long_text)
print("""\
no leading newline""")
