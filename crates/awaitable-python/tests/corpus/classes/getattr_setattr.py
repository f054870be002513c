# Checks getattr/setattr/hasattr with defaults and dynamic attribute names.
class Config:
    debug = False
cfg = Config()
for name, value in [("host", "localhost"), ("port", 8080), ("debug", True)]:
    setattr(cfg, name, value)
print(cfg.host, cfg.port, cfg.debug, Config.debug)
print(getattr(cfg, "port"), getattr(cfg, "timeout", 30), hasattr(cfg, "timeout"))
try:
    getattr(cfg, "timeout")
except AttributeError as e:
    print(e)
fields = ["host", "port"]
print({f: getattr(cfg, f) for f in fields})
print(hasattr(cfg, "__init__"), hasattr(1, "real"), getattr("abc", "upper")())
