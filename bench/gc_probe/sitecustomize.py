"""Garbage-collection probe for the processes a benchmark starts: put this folder on `PYTHONPATH`, e.g.

    PYTHONPATH=bench/gc_probe .venv/bin/python -m bench.gateway_read --rates 200 --seconds 10

Python imports `sitecustomize` at start-up in every process that inherits the variable. From the moment the process
calls `gc.freeze()` (`shared.heap.settle_the_heap`, just before serving), each generation's collections are counted
and timed with `gc.callbacks`; every 2 s the totals go to `var/gc_probe/<service>.<pid>.txt` as
`{generation: (collections, total ms, longest ms)}`. Knobs, to compare in the same way:
`GC_PROBE_NO_FREEZE=1` (the freeze is skipped), `GC_PROBE_YOUNG=<n>` (that young-generation threshold instead).
"""
import gc
import os
import sys
import threading
import time
from pathlib import Path

_totals = {generation: [0, 0.0, 0.0] for generation in (0, 1, 2)}
_started = [0.0]
_serving = [False]
_freeze, _set_threshold = gc.freeze, gc.set_threshold


def _settled() -> None:
    if not os.environ.get("GC_PROBE_NO_FREEZE"):
        _freeze()
    _serving[0] = True


def _threshold(young: int, *older: int) -> None:
    _set_threshold(int(os.environ.get("GC_PROBE_YOUNG", young)), *older)


def _timed(phase: str, info: dict) -> None:
    if not _serving[0]:
        return
    if phase == "start":
        _started[0] = time.perf_counter()
        return
    took, total = time.perf_counter() - _started[0], _totals[info["generation"]]
    total[0], total[1], total[2] = total[0] + 1, total[1] + took, max(total[2], took)


def _write_every_two_seconds() -> None:
    out = Path("var/gc_probe")
    out.mkdir(parents=True, exist_ok=True)
    while True:
        time.sleep(2)
        service = Path(sys.argv[0]).parent.name  # read late: `python -m` sets argv after site-packages load
        summary = {g: (n, round(t * 1000, 1), round(m * 1000, 1)) for g, (n, t, m) in _totals.items()}
        (out / f"{service}.{os.getpid()}.txt").write_text(f"{service} {summary}\n")


gc.freeze, gc.set_threshold = _settled, _threshold
gc.callbacks.append(_timed)
threading.Thread(target=_write_every_two_seconds, daemon=True).start()
