#!/usr/bin/env python3
"""Execute the corpus notebooks with an IPython kernel and record the results.

Usage:
    pip install ipykernel nbclient
    python3 crates/awaitable-python/tests/corpus/record_notebooks.py [NAME_OR_PATH ...]

For every ``notebooks/<name>.ipynb`` (except ``*.expected.ipynb``), or only the
ones named on the command line, this runs all cells in order with nbclient
and the ``python3`` kernel, keeping going after cells that raise
(``allow_errors``), and writes ``notebooks/<name>.expected.ipynb``.

The kernel runs with the notebooks folder as working directory and with
``PYTHONINTMAXSTRDIGITS=0`` (the course computes ``str(5**1000000)``) and
``PYTHONHASHSEED=0`` added to the environment. ``course.ipynb`` takes about a
minute because of its real 10-second sleeps.

Where outputs go. ipykernel (6.29 and 7.x alike) tags every output with the
request of the cell whose context produced it: a task created in cell 2 that
prints while cell 5 runs sends its output as cell 2's. nbclient on its own
drops such late messages; this recorder appends them to the cell they are
addressed to (cell 2 here), in arrival order, as a Jupyter front end does. The
background-task notebook ends with a cell that awaits the task, so nothing is
printed after the last cell.

Recorded outputs are otherwise kept as the kernel sent them, with three
changes that only make reruns comparable:
* consecutive stream outputs of the same name (stdout, stderr) in a cell are
  merged into one, since how the kernel splits a stream into messages depends
  on its flush timer;
* per-cell timing metadata is not recorded;
* the kernel's process id in the file names IPython gives to cells
  (``/tmp/ipykernel_12345/2547829.py``) is replaced by ``PID``.
Some outputs still vary from run to run by nature: the repr of a coroutine
object contains a memory address (``<coroutine object exemple at 0x...>``),
tracebacks carry ANSI colour codes, and the course's durations are real
wall-clock measurements; compare those loosely.
"""

import os
import re
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionComplete
from nbclient.util import ensure_async

HERE = os.path.dirname(os.path.abspath(__file__))
NOTEBOOKS = os.path.join(HERE, "notebooks")
CELL_TIMEOUT = 600
PID_IN_CELL_FILE = re.compile(r"ipykernel_\d+")


ROUTED_TYPES = {"stream", "display_data", "execute_result", "error", "clear_output", "update_display_data"}


class RoutingClient(NotebookClient):
    """NotebookClient that keeps late outputs addressed to earlier cells."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._cells_by_msg_id = {}

    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        self._cells_by_msg_id[parent_msg_id] = (cell, cell_index)
        while True:
            msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=None))
            msg_parent = msg["parent_header"].get("msg_id")
            if msg_parent == parent_msg_id:
                try:
                    self.process_message(msg, cell, cell_index)
                except CellExecutionComplete:
                    return
            elif msg_parent in self._cells_by_msg_id and msg["msg_type"] in ROUTED_TYPES:
                other_cell, other_index = self._cells_by_msg_id[msg_parent]
                try:
                    self.process_message(msg, other_cell, other_index)
                except CellExecutionComplete:
                    pass


def coalesce_streams(outputs):
    merged = []
    for out in outputs:
        if (
            out.get("output_type") == "stream"
            and merged
            and merged[-1].get("output_type") == "stream"
            and merged[-1].get("name") == out.get("name")
        ):
            merged[-1]["text"] = merged[-1]["text"] + out["text"]
        else:
            merged.append(out)
    return merged


def collect(args):
    if not args:
        names = sorted(
            n for n in os.listdir(NOTEBOOKS)
            if n.endswith(".ipynb") and not n.endswith(".expected.ipynb")
        )
        return [os.path.join(NOTEBOOKS, n) for n in names]
    paths = []
    for arg in args:
        if os.path.exists(arg):
            paths.append(os.path.abspath(arg))
        else:
            name = arg if arg.endswith(".ipynb") else arg + ".ipynb"
            paths.append(os.path.join(NOTEBOOKS, name))
    return paths


def scrub(value):
    if isinstance(value, str):
        return PID_IN_CELL_FILE.sub("ipykernel_PID", value)
    if isinstance(value, list):
        return [scrub(v) for v in value]
    if isinstance(value, dict):
        return {k: scrub(v) for k, v in value.items()}
    return value


def record(path):
    nb = nbformat.read(path, as_version=4)
    env = dict(os.environ)
    env["PYTHONINTMAXSTRDIGITS"] = "0"
    env["PYTHONHASHSEED"] = "0"
    env["PYTHONIOENCODING"] = "utf-8"
    env.pop("PYTHONWARNINGS", None)
    env.pop("PYTHONASYNCIODEBUG", None)
    client = RoutingClient(
        nb,
        kernel_name="python3",
        timeout=CELL_TIMEOUT,
        allow_errors=True,
        record_timing=False,
        resources={"metadata": {"path": os.path.dirname(path)}},
    )
    client.execute(env=env)
    for cell in nb.cells:
        if cell.cell_type == "code":
            outputs = [scrub(nbformat.from_dict(o)) for o in cell.outputs]
            for out in outputs:
                if out.get("output_type") == "stream" and isinstance(out.get("text"), list):
                    out["text"] = "".join(out["text"])
            cell.outputs = [nbformat.from_dict(o) for o in coalesce_streams(outputs)]
    out_path = path[: -len(".ipynb")] + ".expected.ipynb"
    nbformat.write(nb, out_path)
    return out_path


def main(argv):
    failures = 0
    for path in collect(argv):
        start = time.monotonic()
        try:
            out = record(path)
        except Exception as e:  # keep going with the other notebooks
            failures += 1
            print(f"FAILED {os.path.relpath(path, HERE)}: {type(e).__name__}: {e}")
            continue
        print(f"{time.monotonic() - start:6.1f}s  {os.path.relpath(out, HERE)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
