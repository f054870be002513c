# Checks isdigit/isalpha/isalnum/isspace/isnumeric/isdecimal/isidentifier.
samples = ["123", "abc", "abc123", "", " \t", "12.5", "Ünïcödé", "²", "_x1", "-1"]
for s in samples:
    print(repr(s), s.isdigit(), s.isalpha(), s.isalnum(), s.isspace(), s.isdecimal(), s.isnumeric(), s.isidentifier())
print("0x1F".isdigit(), "٣".isdigit(), "٣".isdecimal(), int("٣"))
print("hello".isalpha(), "hello world".isalpha(), "HELLO".isupper())
print("class".isidentifier(), "2fast".isidentifier(), "snake_case".isidentifier())
