# Checks the time module: blocking sleep durations, clocks moving forward, strftime shape.
import time
t0 = time.time()
p0 = time.perf_counter()
m0 = time.monotonic()
time.sleep(0.1)
print(round(time.time() - t0, 1), round(time.perf_counter() - p0, 1), round(time.monotonic() - m0, 1))
print(time.time() > 1_600_000_000, time.monotonic() >= m0, time.perf_counter() > p0)
stamp = time.strftime("%Y-%m-%d %H:%M:%S")
print(len(stamp), stamp[4], stamp[7], stamp[13], stamp[:2] == "20")
print(isinstance(time.time(), float), isinstance(time.perf_counter(), float))
time.sleep(0)
print("done")
