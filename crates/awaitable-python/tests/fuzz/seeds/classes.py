class Counter:
    """Counts things."""

    created = 0

    def __init__(self, start=0, *, step=1):
        self.value = start
        self.step = step
        Counter.created += 1

    def __repr__(self):
        return f"Counter({self.value!r}, step={self.step})"

    def bump(self, times=1):
        for _ in range(times):
            self.value += self.step
        return self


class Loud(Counter):
    def bump(self, times=1):
        print("bump!")
        return super().bump(times)


c = Loud(10, step=2).bump(3)
print(c, Counter.created, isinstance(c, Counter))
