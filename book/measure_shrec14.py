"""Measure the reproduction study's row (d) at SHREC 2014's full size, outside the book's build.

SHREC 2014's size (171 classes, 8,987 target models, 8,550 / 5,130 sketches) does not fit
the book's build time on two cores, so ``notebooks/09_reproduction_study.ipynb`` runs the
row at a reduced size and shows the full-size numbers from the file this script writes:
it runs the two documented commands (generate the benchmark, train and score the row's
variants), times them, records the peak memory of the largest process, and writes
``book/measured/shrec14-full.json`` (atomically) with the ablation report.

Usage: ``.venv/bin/python book/measure_shrec14.py [--seeds 3] [--workers 0]``
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sbsr.io import write_json  # noqa: E402
from sbsr.study import STUDY_VARIANTS  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=0, help="0: one process per core")
    parser.add_argument("--data", default="data/synthsbr-shrec14-full", help="relative to the repository")
    parser.add_argument("--out", default="runs/shrec14-full", help="relative to the repository")
    parser.add_argument("--record", type=Path, default=ROOT / "book" / "measured" / "shrec14-full.json")
    args = parser.parse_args(argv)
    commands = [  # what a reader types, with `sbsr` on the PATH
        ["sbsr", "data", "synth", "--out", args.data, "--classes", "171", "--class-sizes", "shrec14"],
        ["sbsr", "experiment", "ablations", "--data", args.data, "--seeds", str(args.seeds),
         "--variants", ",".join(STUDY_VARIANTS), "--out", args.out, "--workers", str(args.workers),
         "--no-progress"],
    ]
    start = time.perf_counter()
    seconds = []
    for command in commands:
        began = time.perf_counter()
        subprocess.run([sys.executable, "-m", "sbsr", *command[1:]], check=True, cwd=ROOT)
        seconds.append(time.perf_counter() - began)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 2**20  # KiB on Linux -> GiB
    report = json.loads((ROOT / args.out / "results.json").read_text())
    write_json(args.record, {
        "date": datetime.date.today().isoformat(),
        "machine": f"{platform.machine()}, {len(os.sched_getaffinity(0))} cores",
        "commands": [" ".join(command) for command in commands],
        "seconds": time.perf_counter() - start,
        "seconds_per_command": seconds,
        "peak_memory_gb": peak,
        "report": report,
    })
    print(f"wrote {args.record}: {seconds[0]:.0f} s + {seconds[1]:.0f} s, peak {peak:.1f} GiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
