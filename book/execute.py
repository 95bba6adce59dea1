"""Execute every chapter notebook with papermill into ``book/generated/``.

The book is built from these executed copies; the sources in ``notebooks/`` keep
no outputs. Each notebook runs with its working directory in ``notebooks/`` and
its default parameters (``SBSR_QUICK=1`` in the environment turns quick mode on).
A notebook is written only when it executed completely (temporary file, then
rename), and the time each took goes to ``_build/notebook-times.json``.

An executed notebook records a hash of what it was computed from: its source,
the ``sbsr`` library, ``pyproject.toml``, quick mode and the Python and PyTorch
versions. When none of these changed, the notebook is not executed again.

Usage: ``python book/execute.py [--force] [NAME ...]``: NAME is a notebook of
``notebooks/``, with or without ``.ipynb`` (default: every ``NN_*.ipynb``);
``--force`` executes even unchanged ones.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from importlib import metadata
from pathlib import Path

import nbformat
import papermill

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sbsr.io import write_json  # noqa: E402

SOURCE = ROOT / "notebooks"
TARGET = ROOT / "book" / "generated"
TIMES = ROOT / "_build" / "notebook-times.json"

#: Seconds a first execution takes on a 2-core machine with every stage to train,
#: (default scale, quick mode); measured with `make book` in a fresh clone (2026-12-02).
EXPECTED_SECONDS = {
    "00_overview": (5, 5),
    "01_data": (170, 40),
    "02_features": (20, 10),
    "03_metric_learning": (20, 10),
    "04_adaptation": (20, 10),
    "05_tsne": (20, 10),
    "06_experiments": (270, 30),
    "07_demo": (20, 10),
    "08_reproduction_study": (900, 60),
}


def inputs_hash(path: Path, quick: bool) -> str:
    """Hash of everything an executed notebook depends on (module docstring)."""
    digest = hashlib.sha256(path.name.encode() + b"\0" + path.read_bytes())
    library = sorted(p for p in (ROOT / "sbsr").rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for file in (ROOT / "pyproject.toml", *library):
        digest.update(f"{file.relative_to(ROOT)}\0".encode() + file.read_bytes() + b"\0")
    versions = {"quick": quick, "python": sys.version, "torch": metadata.version("torch")}
    digest.update(json.dumps(versions, sort_keys=True).encode())
    return digest.hexdigest()


def recorded_hash(executed: Path) -> str | None:
    """The inputs hash an executed notebook was made from (None if absent or unreadable)."""
    try:
        return nbformat.read(executed, as_version=4).metadata.get("sbsr", {}).get("inputs")
    except (OSError, ValueError):
        return None


def execute(path: Path, inputs: str) -> float:
    start = time.perf_counter()
    partial = TARGET / f".{path.stem}.partial.ipynb"  # papermill wants the .ipynb suffix
    TARGET.mkdir(parents=True, exist_ok=True)
    try:
        papermill.execute_notebook(
            str(path), str(partial), cwd=str(SOURCE), kernel_name="python3",
            progress_bar=False, log_output=False,
            extra_arguments=["--IPKernelApp.log_level=ERROR"],  # no start-up notices, errors still show
        )
        notebook = nbformat.read(partial, as_version=4)
        notebook.metadata["sbsr"] = {"inputs": inputs}
        nbformat.write(notebook, partial)
        os.replace(partial, TARGET / path.name)
    finally:
        partial.unlink(missing_ok=True)
    return time.perf_counter() - start


def minutes(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 90 else f"{seconds / 60:.0f} min"


def main(argv: list[str]) -> int:
    force = "--force" in argv
    names = [a for a in argv if a != "--force"]
    # Progress bars in an executed notebook are saved update by update: at most one
    # update every 30 s keeps a page readable (tqdm reads TQDM_* from the environment,
    # and the kernels inherit it).
    os.environ.setdefault("TQDM_MININTERVAL", "30")
    from sbsr.runtime import quick_mode

    quick = quick_mode()
    paths = [SOURCE / Path(n).with_suffix(".ipynb").name for n in names] or sorted(SOURCE.glob("[0-9][0-9]_*.ipynb"))
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        print(f"no such notebook: {', '.join(missing)}", file=sys.stderr)
        return 2
    times = json.loads(TIMES.read_text()) if TIMES.is_file() else {}
    total = time.perf_counter()
    for number, path in enumerate(paths, 1):
        head = f"[{number}/{len(paths)}] {path.stem}"
        inputs = inputs_hash(path, quick)
        if not force and recorded_hash(TARGET / path.name) == inputs:
            print(f"{head}: unchanged since it was last executed, kept", flush=True)
            continue
        expected = EXPECTED_SECONDS.get(path.stem, (0, 0))[1 if quick else 0]
        first = " the first time, less with its stages cached" if expected >= 60 else ""
        guess = f" (about {minutes(expected)} on 2 cores{first})" if expected else ""
        print(f"{head}: executing{guess} ...", flush=True)
        times[path.name] = round(execute(path, inputs), 1)
        print(f"{head}: done in {minutes(times[path.name])}", flush=True)
    write_json(TIMES, times)
    print(f"notebooks: {minutes(time.perf_counter() - total)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
