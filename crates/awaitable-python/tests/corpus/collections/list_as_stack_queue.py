# Checks using lists as stacks and queues, and a breadth-first traversal.
stack = []
for x in "abc":
    stack.append(x)
while stack:
    print(stack.pop(), end=" ")
print()
queue = [1, 2, 3]
queue.append(4)
print(queue.pop(0), queue.pop(0), queue)
graph = {"a": ["b", "c"], "b": ["d"], "c": ["d", "e"], "d": [], "e": ["a"]}
seen = ["a"]
frontier = ["a"]
while frontier:
    node = frontier.pop(0)
    for nxt in graph[node]:
        if nxt not in seen:
            seen.append(nxt)
            frontier.append(nxt)
print(seen)
