# Checks %-formatting, including the course's "%.2f secondes" % x.
duree = 10.0123456
print("Durée totale d'exécution: %.2f secondes" % duree)
print("%.2f secondes" % 30.0)
print("%.1f" % 0.25, "%.1f" % 0.35, "%.0f" % 0.5, "%.0f" % 1.5)
print("%d items, %s, %r" % (3, "str", "str"))
print("%5d|%-5d|%05d|%+d" % (42, 42, 42, 42))
print("%x %X %o %e %g %%" % (255, 255, 8, 12345.678, 0.00001))
print("%s and %s" % ("a", [1, 2]))
print("%(name)s is %(age)d" % {"name": "Ann", "age": 7})
print("%10.3f|%-10.3f|" % (3.14159, 2.71828))
print("%c%c" % (72, "i"))
print("%s" % (1,), "%s" % "single", "%s" % ((1, 2),))
print("%.3s" % "abcdef", "%5s|%-5s|" % ("ab", "cd"))
try:
    print("%d %d" % (1,))
except TypeError as e:
    print(e)
try:
    print("%d" % (1, 2))
except TypeError as e:
    print(e)
