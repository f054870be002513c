#!/usr/bin/env python3
"""Record CPython's output for every program of the conformance corpus.

Usage:
    python3 crates/awaitable-python/tests/corpus/record.py [PATH ...]

Without arguments, every ``.py`` file under this folder is recorded, except
this script, ``make_notebooks.py``, ``record_notebooks.py`` and anything under
``notebooks/``. With arguments, only the given files (or the ``.py`` files under
the given folders) are recorded.

Each program runs as ``python3 -X int_max_str_digits=0 NAME.py`` with its own
folder as the working directory (so tracebacks say ``File "NAME.py"``), with
``PYTHONHASHSEED=0`` and a 60-second timeout. Next to the program:

* ``NAME.out`` receives its standard output, byte for byte;
* ``NAME.err`` receives ``exit: N`` on its first line followed by the whole
  standard error, but only when the exit status is non-zero or standard error
  is non-empty; otherwise a stale ``NAME.err`` is removed.

Since Python 3.9, CPython turns the script given on the command line into an
absolute path, so its tracebacks and warnings would say
``File "/somewhere/corpus/basics/NAME.py"``. The recorder rewrites that
absolute path back to ``NAME.py`` in standard error, so the recorded files do
not depend on where the repository is checked out and read as if the program
had been run as ``python3 NAME.py`` from its folder. Paths into CPython's own
standard library (``.../asyncio/runners.py``) are left as they are: only the
program's own frames and the last line of a traceback are meant to be compared.

The script prints a summary and exits with status 1 if any program timed out.
"""

import os
import subprocess
import sys
import time

CORPUS = os.path.dirname(os.path.abspath(__file__))
EXCLUDED_FILES = {"record.py", "make_notebooks.py", "record_notebooks.py"}
EXCLUDED_DIRS = {"notebooks", "__pycache__"}
TIMEOUT = 60


def is_program(path):
    rel = os.path.relpath(path, CORPUS)
    parts = rel.split(os.sep)
    if any(part in EXCLUDED_DIRS for part in parts[:-1]):
        return False
    if rel in EXCLUDED_FILES:
        return False
    return path.endswith(".py")


def collect(args):
    found = []
    roots = [os.path.abspath(a) for a in args] if args else [CORPUS]
    for root in roots:
        if os.path.isfile(root):
            if is_program(root):
                found.append(root)
            else:
                print(f"skipping {root}: not a corpus program", file=sys.stderr)
            continue
        if not os.path.isdir(root):
            print(f"no such file or folder: {root}", file=sys.stderr)
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d not in EXCLUDED_DIRS)
            for name in sorted(filenames):
                path = os.path.join(dirpath, name)
                if is_program(path):
                    found.append(path)
    return sorted(set(found))


def record(path):
    folder, name = os.path.split(path)
    stem = name[:-3]
    env = dict(os.environ)
    env["PYTHONHASHSEED"] = "0"
    env.pop("PYTHONINTMAXSTRDIGITS", None)
    env.pop("PYTHONWARNINGS", None)
    env.pop("PYTHONASYNCIODEBUG", None)
    env.pop("PYTHONDEVMODE", None)
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    start = time.monotonic()
    try:
        proc = subprocess.run(
            ["python3", "-X", "int_max_str_digits=0", name],
            cwd=folder,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        return "timeout", time.monotonic() - start
    elapsed = time.monotonic() - start
    stderr = proc.stderr
    for absolute in {os.path.join(folder, name), os.path.realpath(path)}:
        stderr = stderr.replace(absolute.encode(), name.encode())
    out_path = os.path.join(folder, stem + ".out")
    err_path = os.path.join(folder, stem + ".err")
    with open(out_path, "wb") as f:
        f.write(proc.stdout)
    if proc.returncode != 0 or stderr:
        with open(err_path, "wb") as f:
            f.write(f"exit: {proc.returncode}\n".encode())
            f.write(stderr)
        status = f"exit {proc.returncode}" if proc.returncode else "stderr"
    else:
        if os.path.exists(err_path):
            os.remove(err_path)
        status = "ok"
    return status, elapsed


def remove_orphans():
    """Remove .out/.err files whose program no longer exists."""
    removed = 0
    for dirpath, dirnames, filenames in os.walk(CORPUS):
        dirnames[:] = [d for d in dirnames if d not in EXCLUDED_DIRS]
        for name in filenames:
            if name.endswith((".out", ".err")):
                program = os.path.join(dirpath, name[:-4] + ".py")
                if not os.path.exists(program):
                    os.remove(os.path.join(dirpath, name))
                    removed += 1
    return removed


def main(argv):
    programs = collect(argv)
    counts = {}
    timeouts = []
    slow = []
    for path in programs:
        rel = os.path.relpath(path, CORPUS)
        status, elapsed = record(path)
        kind = "ok" if status == "ok" else ("timeout" if status == "timeout" else "error/stderr")
        counts[kind] = counts.get(kind, 0) + 1
        if status == "timeout":
            timeouts.append(rel)
        if elapsed > 5:
            slow.append((rel, elapsed))
        print(f"{status:>10}  {elapsed:6.2f}s  {rel}")
    if not argv:
        removed = remove_orphans()
        if removed:
            print(f"removed {removed} orphaned output file(s)")
    print()
    print(f"recorded {len(programs)} program(s): "
          + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())))
    for rel, elapsed in slow:
        print(f"slow: {rel} took {elapsed:.1f}s")
    if timeouts:
        print("timed out: " + ", ".join(timeouts))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
