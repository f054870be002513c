# Checks exception subclasses with custom messages, attributes and hierarchy.
class AppError(Exception):
    pass
class ValidationError(AppError):
    def __init__(self, field, problem):
        super().__init__(f"{field}: {problem}")
        self.field = field
class PlainError(AppError):
    def __str__(self):
        return "custom str"
try:
    raise ValidationError("age", "must be positive")
except AppError as e:
    print(type(e).__name__, e, repr(e), e.field, e.args)
try:
    raise PlainError("ignored arg")
except Exception as e:
    print(e, repr(e), e.args)
print(isinstance(ValidationError("f", "p"), Exception), isinstance(PlainError(), AppError))
for exc in [AppError(), AppError("one"), AppError("a", 2)]:
    print(repr(str(exc)), repr(exc))
