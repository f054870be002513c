# time: struct_time as a sequence with named fields, strftime, UTC local time.
import time

t = time.gmtime(1709647629)
print(t)
print(t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, t.tm_wday, t.tm_yday, t.tm_isdst, t.tm_zone, t.tm_gmtoff)
print(t[0], t[-1], t[1:3], len(t), list(t)[:3], tuple(t) == t, t == tuple(t))
year, month, day, *rest = t
print(year, month, day, rest)
print(isinstance(t, time.struct_time), type(t).__name__)
print(time.strftime("%A, %d %B %Y %I:%M %p (%Z)", t), time.strftime("%c", t))
print(time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(0)), time.localtime(0).tm_zone)
print(time.asctime(t), time.ctime(0), time.mktime(t), time.mktime(time.localtime(86400 * 365)))
s = time.struct_time((2000, 1, 1, 0, 0, 0, 5, 1, 0))
print(s, s.tm_zone)
print(time.strftime("%j|%U|%W|%V|%G|%u|%w|%y|%C|%e|%k|%l|%P|%%", (2021, 1, 3, 9, 5, 0, 6, 3, 0)))
for secs in (0, -1, 951782400, 4102444800, -2208988800):
    print(secs, time.strftime("%Y-%m-%d %H:%M:%S %a", time.gmtime(secs)))
print(type(time.time_ns()).__name__, type(time.monotonic_ns()).__name__, type(time.perf_counter_ns()).__name__)
# No eval(): each call is a lambda with its source beside it; e.args[0] is str(e).
checks = [
    ("time.strftime('%Y', (2024, 13, 1, 0, 0, 0, 0, 1, 0))", lambda: time.strftime('%Y', (2024, 13, 1, 0, 0, 0, 0, 1, 0))),
    ("time.strftime('%Y', (2024, 1, 1))", lambda: time.strftime('%Y', (2024, 1, 1))),
    ("time.strftime('%Y', [2024, 1, 1, 0, 0, 0, 0, 1, 0])", lambda: time.strftime('%Y', [2024, 1, 1, 0, 0, 0, 0, 1, 0])),
    ("time.gmtime(float('nan'))", lambda: time.gmtime(float('nan'))),
    ("time.gmtime(1e20)", lambda: time.gmtime(1e20)),
    ("time.struct_time((1, 2))", lambda: time.struct_time((1, 2))),
    ("t[9]", lambda: t[9]),
    ("t.tm_nope", lambda: t.tm_nope),
]


def check(label, call):
    try:
        print(label, "->", call())
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e.args[0])


for label, call in checks:
    check(label, call)
try:
    t.tm_year = 1999
except AttributeError as e:
    print("AttributeError:", e.args[0])
