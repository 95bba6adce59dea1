"""The data fingerprint of the experiment caches at SHREC 2014 size: ``experiment.fingerprint``
against the implementation it replaced (copied below), timed in the same run.

The data: 8,987 shapes x 12 views at 128 px, uint8, written once to a
temporary ``.npy`` and memory-mapped read-only (1.8 GB, as
:func:`sbsr.data.render.load_views` gives them), and 8,550 + 5,130 sketches
at 128 px in memory, read-only (as :func:`sbsr.train.experiment.load_data`
gives them). The file is read once before timing, so both run from the page
cache. One ablation run computes the fingerprint about 70 times; the previous
implementation copied every array (``tobytes``) on each call. Peak memory is
what Python's allocator saw (tracemalloc), which includes that copy.
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np

from sbsr.train.experiment import Data, fingerprint

SHAPES, VIEWS, SIZE, TRAIN, TEST, CLASSES = 8987, 12, 128, 8550, 5130, 171


def before_fingerprint(data: Data) -> str:
    """The previous ``experiment.fingerprint``."""
    digest = hashlib.sha256()
    for array in data:
        array = np.ascontiguousarray(array)
        digest.update(f"{array.shape}{array.dtype}".encode())
        digest.update(array.tobytes())
    return digest.hexdigest()[:16]


def measured(fn, data) -> tuple[float, float]:
    """Seconds and peak traced MiB of ``fn(data)``."""
    tracemalloc.start()
    start = time.perf_counter()
    fn(data)
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return seconds, peak / 2**20


def shrec14(folder: Path, shapes: int) -> Data:
    rng = np.random.default_rng(0)
    block = rng.integers(0, 256, (VIEWS, SIZE, SIZE), dtype=np.uint8)
    views = np.lib.format.open_memmap(folder / "views.npy", mode="w+", dtype=np.uint8,
                                      shape=(shapes, VIEWS, SIZE, SIZE))
    for i in range(shapes):  # real bytes on disk (no sparse file), a different first byte per shape
        views[i] = block
        views[i, 0, 0, 0] = i % 256
    views.flush()
    del views
    views = np.load(folder / "views.npy", mmap_mode="r")
    for start in range(0, shapes, 500):  # into the page cache before timing
        views[start : start + 500].max()
    sketches = [rng.integers(0, 256, (n, SIZE, SIZE), dtype=np.uint8) for n in (TRAIN, TEST)]
    for array in sketches:
        array.setflags(write=False)
    return Data(sketches[0], np.arange(TRAIN) % CLASSES, sketches[1], np.arange(TEST) % CLASSES,
                views, np.arange(shapes) % CLASSES)


def run(quick: bool = False) -> list[dict]:
    shapes = 500 if quick else SHAPES
    with tempfile.TemporaryDirectory() as tmp:
        data = shrec14(Path(tmp), shapes)
        before, before_peak = measured(before_fingerprint, data)
        first, first_peak = measured(fingerprint, data)
        later, _ = measured(fingerprint, data)
        gigabytes = sum(a.nbytes for a in data) / 1e9
        del data
    what = f"{shapes:,} x {VIEWS} views memory-mapped + {TRAIN + TEST:,} sketches, {SIZE} px ({gigabytes:.1f} GB)"
    baseline = "the previous fingerprint (copy in this file), one call"
    row = {"baseline": baseline, "baseline_value": before, "unit": "s", "higher_is_better": False}
    return [
        {**row, "name": f"data fingerprint, first call: {what}", "value": first,
         "target": "no copy of the data"},
        {**row, "name": "data fingerprint, every later call on the same arrays", "value": later,
         "target": "once per dataset"},
        {"name": "data fingerprint: peak memory allocated in a first call (tracemalloc)",
         "value": first_peak, "unit": "MiB", "baseline": baseline,
         "baseline_value": before_peak, "higher_is_better": False, "target": "<= 128 MiB"},
    ]


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(row)
