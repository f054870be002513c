# Checks printing rounded durations the way the course programs do.
for x in [0.0999, 0.1, 0.1049, 0.15000001, 0.2999, 0.30000000000000004, 1.0, 9.96, 10.0, 10.04]:
    print(round(x, 1), "%.1f" % x, "%.2f secondes" % x, f"{x:.1f}")
print(round(0.1 * 3, 1) == 0.3, 0.1 * 3, round(0.1 * 3, 1))
start = 100.0
for end in [100.1, 100.3, 110.0, 130.02]:
    print("Durée totale d'exécution: %.2f secondes" % (end - start))
    print("Durée totale d'exécution: %.1f secondes" % (end - start))
