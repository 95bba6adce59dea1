"""Execute every chapter notebook with papermill into ``book/generated/``.

The book is built from these executed copies; the sources in ``notebooks/`` keep
no outputs. Each notebook runs with its working directory in ``notebooks/`` and
its default parameters (``SBSR_QUICK=1`` in the environment turns quick mode on).
A notebook is written only when it executed completely (temporary file, then
rename), and the time each took goes to ``_build/notebook-times.json``.

Usage: ``python book/execute.py [NAME ...]`` (default: every ``notebooks/NN_*.ipynb``).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import papermill

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sbsr.io import write_json  # noqa: E402

SOURCE = ROOT / "notebooks"
TARGET = ROOT / "book" / "generated"


def execute(path: Path) -> float:
    start = time.perf_counter()
    partial = TARGET / f".{path.stem}.partial.ipynb"  # papermill wants the .ipynb suffix
    TARGET.mkdir(parents=True, exist_ok=True)
    try:
        papermill.execute_notebook(
            str(path), str(partial), cwd=str(SOURCE), kernel_name="python3",
            progress_bar=False, log_output=False,
        )
        os.replace(partial, TARGET / path.name)
    finally:
        partial.unlink(missing_ok=True)
    return time.perf_counter() - start


def main(names: list[str]) -> int:
    # Progress bars in an executed notebook are saved update by update: at most one
    # update every 30 s keeps a page readable (tqdm reads TQDM_* from the environment,
    # and the kernels inherit it).
    os.environ.setdefault("TQDM_MININTERVAL", "30")
    paths = [SOURCE / n for n in names] or sorted(SOURCE.glob("[0-9][0-9]_*.ipynb"))
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        print(f"no such notebook: {', '.join(missing)}", file=sys.stderr)
        return 2
    times = {}
    for path in paths:
        print(f"executing {path.name} ...", flush=True)
        times[path.name] = round(execute(path), 1)
        print(f"  {path.name}: {times[path.name]} s", flush=True)
    write_json(ROOT / "_build" / "notebook-times.json", times)
    print(f"all notebooks: {sum(times.values()):.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
