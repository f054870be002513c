# Checks an uncaught NameError for a misspelled name (CPython adds a suggestion).
total_count = 5
print("before the error")
print("total_count is", total_count)
print(total_cont)
