"""Run the validation searches of chapter 08 outside the book's build and record them.

The search of both methods (``sbsr.search_spaces.method_spaces``: two rounds of candidates
each, the three best retrained with three seeds), the search for a stronger adversary and
the diagnosis of the re-implementation's T (``sbsr.search_spaces.run_searches``) keep two
cores busy for over ten minutes, more than the book's half-hour build can give
them beside the other chapters. ``notebooks/08_validation_search.ipynb`` shows the
record this script writes, ``book/measured/validation-search.json`` (atomically), when its
digest (``sbsr.search_spaces.search_digest``) says that it answers the search the chapter
would run; the chapter reruns the searches itself with ``-p rerun_search True``, and in
quick mode. The script sets the chapter up with the chapter's default parameters and runs
the same call; it records the date, the machine, the time and the peak memory.

Usage: ``.venv/bin/python book/measure_search.py [--workers 0]``
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sbsr.chapters import setup  # noqa: E402
from sbsr.io import write_json  # noqa: E402
from sbsr.search_spaces import adversary_space, method_spaces, run_searches, search_digest  # noqa: E402

#: The chapter's parameters that decide the search (as in its parameters cell).
SEEDS = (0, 1, 2)
PER_CLASS = 10


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=0, help="0: one process per core")
    parser.add_argument("--data", default="data/synthsbr", help="the default benchmark, relative to the repository")
    parser.add_argument("--cache", default="runs/cache", help="trained stages, relative to the repository")
    parser.add_argument("--record", type=Path, default=ROOT / "book" / "measured" / "validation-search.json")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    chapter = setup("synth", ROOT / args.data, ROOT / args.cache, progress=False)
    question = (chapter.data, chapter.config, method_spaces(), adversary_space(), SEEDS, PER_CLASS)
    searched = run_searches(*question[:2], chapter.out_dir, *question[2:], args.workers)
    seconds = time.perf_counter() - start
    peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    write_json(args.record, {
        "date": datetime.date.today().isoformat(),
        "machine": f"{platform.machine()}, {len(os.sched_getaffinity(0))} cores",
        "commit": commit.stdout.strip() or "unknown",
        "command": "python book/measure_search.py",
        "seconds": seconds,
        "peak_memory_gb": peak / 2**20,  # KiB on Linux -> GiB
        "digest": search_digest(*question),
        "seeds": list(SEEDS),
        "per_class": PER_CLASS,
        **searched,
    })
    print(f"wrote {args.record}: {seconds / 60:.1f} min, peak {peak / 2**20:.1f} GiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
