# Checks an uncaught TypeError from adding incompatible types.
count = 3
print("count is", count)
message = "count: " + count
print(message)
