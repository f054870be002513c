# Checks that and/or short-circuit and return the deciding operand.
def t(label, value):
    print("eval", label)
    return value
print(t("a", 0) and t("b", 1))
print(t("a", 1) and t("b", 2))
print(t("a", 0) or t("b", 3))
print(t("a", 4) or t("b", 5))
print([] or {} or "x", "" and 1, None or 0)
print(not 0, not [1], not "", not None)
print(1 and 2 and 3, 1 and 0 and 3, 0 or "" or None)
x = t("c", None) or "default"
print(x)
