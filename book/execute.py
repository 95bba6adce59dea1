"""Execute every chapter notebook with papermill into ``book/generated/``.

The book is built from these executed copies; the sources in ``notebooks/`` keep
no outputs. Each notebook runs with its working directory in ``notebooks/`` and
its default parameters (``SBSR_QUICK=1`` in the environment turns quick mode on).
A notebook is written only when it executed completely (temporary file, then
rename), and the time each took goes to ``_build/notebook-times.json``. Progress bars
(tqdm's lines on stderr) are taken out of the executed copy: a page shows results, not
how long a loop took (:func:`strip_progress`).

An executed notebook records a hash of what it was computed from: its source,
the ``sbsr`` library, ``pyproject.toml``, quick mode and the Python and PyTorch
versions. When none of these changed, the notebook is not executed again. It also
records a hash of the results.json it wrote, so that the tests can take a quick
book's results as the chapter's quick run (:func:`executed_results`).

Chapters execute two at a time (``--lanes``; one on a one-core machine), longest
first, so that short chapters fill the cores while long ones end. Chapters share
the trained stages of ``runs/cache``: the library locks each stage while it is
made, so a stage two chapters need is trained once, by whichever gets there
first, and the other loads it. The numbers do not depend on the order.

Usage: ``python book/execute.py [--force] [--lanes N] [NAME ...]``: NAME is a
notebook of ``notebooks/``, with or without ``.ipynb`` (default: every chapter
``NN_*.ipynb`` and appendix ``AN_*.ipynb``); ``--force`` executes even unchanged ones; ``--lanes 1`` executes
one chapter at a time, in this process's order of names.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import multiprocessing
import os
import re
import sys
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from importlib import metadata
from pathlib import Path

import nbformat
import papermill

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sbsr.io import write_json  # noqa: E402
from sbsr.train.parallel import default_workers  # noqa: E402

SOURCE = ROOT / "notebooks"
TARGET = ROOT / "book" / "generated"
TIMES = ROOT / "_build" / "notebook-times.json"

#: Seconds a first execution takes on a 2-core machine with every stage to train (default
#: scale, quick mode), beside another chapter in the other lane: measured with `make book`
#: in a fresh clone (2026-12-02; 06, 08 and 09 on 2026-12-07), and quick mode with `make
#: test` in a fresh clone (2026-12-07, chapters training in their own process). A chapter
#: whose stages another one trained first takes less.
EXPECTED_SECONDS = {
    "00_overview": (5, 8),
    "01_data": (230, 20),
    "02_features": (20, 15),
    "03_metric_learning": (20, 15),
    "04_adaptation": (20, 20),
    "05_tsne": (20, 15),
    "06_experiments": (1260, 30),
    "07_demo": (30, 20),
    "08_validation_search": (240, 95),
    "09_reproduction_study": (1620, 160),
    "A1_calibration_log": (10, 5),
}


#: A tqdm progress line: "name:  40%|####      | 120/300 [00:01<00:02, 99.0it/s]", or
#: one without a total, "name: 300it [00:01, 250.3it/s]". book tests scan pages for it too.
PROGRESS_BAR = re.compile(
    r"\d{1,3}%\|[^|\n]*\|\s*[\d.]+[kMG]?/[\d.]+[kMG]?"
    r"|\[\d+:\d\d(?::\d\d)?(?:<[\d:?]+)?,\s*(?:[\d.]+|\?)\s*(?:it/s|s/it)"
)


def strip_progress(notebook) -> int:
    """Remove progress bars from the printed output of ``notebook``'s code cells, in place:
    every line of stderr redrawn with a carriage return, and every line that reads as a tqdm
    bar. Other lines (warnings, prints) stay; a stream left empty goes. Returns the lines
    removed."""
    removed = 0
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        kept = []
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                redrawn = output.get("name") == "stderr"
                lines = output["text"].split("\n")  # a carriage return does not end a line here
                clean = [line for line in lines
                         if not (redrawn and "\r" in line.rstrip("\r")) and not PROGRESS_BAR.search(line)]
                removed += len(lines) - len(clean)
                output["text"] = "\n".join(clean)
                if not output["text"].strip():
                    continue
            kept.append(output)
        cell["outputs"] = kept
    return removed


def book_notebooks(folder: Path) -> list[Path]:
    """The notebooks of the book in ``folder``: chapters ``NN_*`` and appendices ``AN_*``."""
    return sorted(p for pattern in ("[0-9][0-9]_*.ipynb", "A[0-9]_*.ipynb") for p in folder.glob(pattern))


def inputs_hash(path: Path, quick: bool) -> str:
    """Hash of everything an executed notebook depends on (module docstring)."""
    digest = hashlib.sha256(path.name.encode() + b"\0" + path.read_bytes())
    library = sorted(p for p in (ROOT / "sbsr").rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for file in (ROOT / "pyproject.toml", *library):
        digest.update(f"{file.relative_to(ROOT)}\0".encode() + file.read_bytes() + b"\0")
    versions = {"quick": quick, "python": sys.version, "torch": metadata.version("torch")}
    digest.update(json.dumps(versions, sort_keys=True).encode())
    return digest.hexdigest()


def recorded(executed: Path) -> dict:
    """What an executed notebook recorded of its execution: ``inputs`` and ``results``
    hashes ({} if the file is absent or unreadable)."""
    try:
        return dict(nbformat.read(executed, as_version=4).metadata.get("sbsr", {}))
    except (OSError, ValueError):
        return {}


def results_path(path: Path) -> Path | None:
    """Where the notebook at ``path`` writes results.json with its default ``output_dir``
    parameter (a folder relative to the notebook's), or None if it has none."""
    default = papermill.inspect_notebook(str(path)).get("output_dir", {}).get("default")
    return None if default is None else path.parent / ast.literal_eval(default) / "results.json"


def file_hash(path: Path | None) -> str | None:
    """SHA-256 of a file's bytes (None if there is no such file)."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path is not None and path.is_file() else None


def executed_results(name: str, quick: bool) -> dict | None:
    """The results.json of the book's executed copy of ``notebooks/<name>.ipynb``, when that
    copy was made from the notebook's current inputs in this mode (``quick``) and the file
    is still the one that execution wrote; otherwise None."""
    path = SOURCE / f"{name}.ipynb"
    record = recorded(TARGET / path.name)
    results = results_path(path)
    if record.get("inputs") != inputs_hash(path, quick) or record.get("results") is None:
        return None
    if file_hash(results) != record["results"]:
        return None
    return json.loads(results.read_text())


def execute(path: Path, inputs: str, target: Path) -> float:
    """Execute the notebook at ``path`` (in its folder) into ``target``; returns its seconds."""
    start = time.perf_counter()
    partial = target / f".{path.stem}.partial.ipynb"  # papermill wants the .ipynb suffix
    target.mkdir(parents=True, exist_ok=True)
    try:
        papermill.execute_notebook(
            str(path), str(partial), cwd=str(path.parent), kernel_name="python3",
            progress_bar=False, log_output=False,
            # No start-up notices, and no "KeyboardInterrupt caught in kernel": jupyter_client
            # interrupts every kernel it shuts down, and one still busy answering a message logs
            # that as an error. A cell's error, or a kernel that dies, still fails the chapter.
            extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
        )
        notebook = nbformat.read(partial, as_version=4)
        strip_progress(notebook)
        notebook.metadata["sbsr"] = {"inputs": inputs, "results": file_hash(results_path(path))}
        nbformat.write(notebook, partial)
        os.replace(partial, target / path.name)
    finally:
        partial.unlink(missing_ok=True)
    return time.perf_counter() - start


def execute_chapter(path: Path, inputs: str, target: Path) -> tuple[float | None, str | None]:
    """:func:`execute`, in a lane: its seconds, or None and why it failed."""
    try:
        return execute(path, inputs, target), None
    except Exception as error:  # noqa: BLE001 (reported by main, which stops the build)
        return None, f"{type(error).__name__}: {error}"


def minutes(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds < 90 else f"{seconds / 60:.0f} min"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="book/execute.py", description="Execute the chapter notebooks.")
    parser.add_argument("names", nargs="*", metavar="NAME", help="notebooks of notebooks/ (default: all)")
    parser.add_argument("--force", action="store_true", help="execute unchanged notebooks too")
    parser.add_argument("--lanes", type=int, default=min(2, default_workers()),
                        help="chapters executing at once (default: 2, or 1 on a one-core machine)")
    args = parser.parse_args(argv)
    if args.lanes < 1:
        parser.error(f"--lanes {args.lanes}: expected at least 1")
    # Progress bars in an executed notebook are saved update by update: at most one
    # update every 30 s keeps a page readable (tqdm reads TQDM_* from the environment,
    # and the kernels inherit it).
    os.environ.setdefault("TQDM_MININTERVAL", "30")
    from sbsr.runtime import quick_mode

    quick = quick_mode()
    paths = [SOURCE / Path(n).with_suffix(".ipynb").name for n in args.names] or book_notebooks(SOURCE)
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        print(f"no such notebook: {', '.join(missing)}", file=sys.stderr)
        return 2
    times = json.loads(TIMES.read_text()) if TIMES.is_file() else {}
    total = time.perf_counter()
    todo = []
    for path in paths:
        inputs = inputs_hash(path, quick)
        if not args.force and recorded(TARGET / path.name).get("inputs") == inputs:
            print(f"{path.stem}: unchanged since it was last executed, kept", flush=True)
        else:
            todo.append((path, inputs))

    def expected(path: Path) -> int:
        return EXPECTED_SECONDS.get(path.stem, (0, 0))[1 if quick else 0]

    lanes = max(1, min(args.lanes, len(todo)))
    if lanes > 1:
        todo.sort(key=lambda item: -expected(item[0]))  # longest first (a stable sort: ties keep their order)
    if todo:
        print(f"executing {len(todo)} chapter(s), {lanes} at a time", flush=True)
    failed = run_lanes(todo, lanes, expected, times)
    write_json(TIMES, times)
    print(f"notebooks: {minutes(time.perf_counter() - total)}")
    return 1 if failed else 0


def run_lanes(todo: list[tuple[Path, str]], lanes: int, expected, times: dict) -> list[str]:
    """Execute ``todo`` in order, up to ``lanes`` at once, one process each (one lane: in
    this process), and record each one's seconds in ``times``. After a failure no other
    chapter starts; returns the names of the failed ones."""
    failed: list[str] = []

    def head(number: int, path: Path) -> str:
        return f"[{number}/{len(todo)}] {path.stem}"

    def started(number: int, path: Path) -> None:
        first = " the first time, less with its stages cached" if expected(path) >= 60 else ""
        guess = f" (about {minutes(expected(path))}{first})" if expected(path) else ""
        print(f"{head(number, path)}: executing{guess} ...", flush=True)

    def ended(number: int, path: Path, seconds: float | None, error: str | None, running: int = 0) -> None:
        if error is None:
            times[path.name] = round(seconds, 1)
            print(f"{head(number, path)}: done in {minutes(seconds)}", flush=True)
            return
        failed.append(path.name)
        waiting = f"; waiting for the {running} running, starting no other" if running else ""
        print(f"{head(number, path)}: FAILED{waiting}\n{error}", file=sys.stderr, flush=True)

    queue = list(enumerate(todo, 1))
    if lanes == 1:
        while queue and not failed:
            number, (path, inputs) = queue.pop(0)
            started(number, path)
            ended(number, path, *execute_chapter(path, inputs, TARGET))
        return failed
    with ProcessPoolExecutor(lanes, mp_context=multiprocessing.get_context("spawn")) as pool:
        running = {}
        while running or (queue and not failed):
            while queue and len(running) < lanes and not failed:
                number, (path, inputs) = queue.pop(0)
                started(number, path)
                running[pool.submit(execute_chapter, path, inputs, TARGET)] = number, path
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                number, path = running.pop(future)
                ended(number, path, *future.result(), running=len(running))
    return failed


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
