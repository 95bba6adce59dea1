"""Run every benchmark, print each figure beside its in-run baseline, save JSON.

Each ``benchmarks/bench_*.py`` has ``run(quick: bool) -> list[dict]``; a row is

    {"name": str, "value": float, "unit": str,
     "baseline": str, "baseline_value": float | None,   # measured in the same run
     "target": str}                                      # what the issue asks for

``ratio`` (baseline_value / value for times, value / baseline_value for rates)
is filled in here from ``"higher_is_better"`` (default False).

Usage: ``python benchmarks/run.py [--quick] [--only NAME] [--readme README.md]``.
``--readme`` rewrites the table between the ``bench:start``/``bench:end`` markers.
Each module runs in its own Python process, so no thread setting, loaded library
or memory of one benchmark carries over into the next.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from sbsr.io import write_json, write_text  # noqa: E402

START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_isolated(path: Path, quick: bool) -> list[dict]:
    """``run(quick)`` of one benchmark module, in a fresh Python process."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "rows.json"
        command = [sys.executable, __file__, "--one", str(path), "--out", str(out)]
        done = subprocess.run(command + (["--quick"] if quick else []))
        if done.returncode != 0:
            raise SystemExit(f"{path.name} failed (exit code {done.returncode})")
        return json.loads(out.read_text())


def with_ratio(row: dict) -> dict:
    base, value = row.get("baseline_value"), row["value"]
    if base and value:
        row["ratio"] = value / base if row.get("higher_is_better") else base / value
    else:
        row["ratio"] = None
    return row


def fmt(x) -> str:
    if x is None:
        return "-"
    return f"{x:.3g}" if abs(x) < 1000 else f"{x:,.0f}"


def table(rows: list[dict]) -> str:
    lines = [
        "| benchmark | figure | baseline (same run) | ratio | target |",
        "| --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        base = f"{r['baseline']}: {fmt(r.get('baseline_value'))}" if r.get("baseline") else "-"
        ratio = f"{r['ratio']:.1f}x" if r.get("ratio") else "-"
        lines.append(
            f"| {r['name']} | {fmt(r['value'])} {r['unit']} | {base} | {ratio} | {r.get('target', '')} |"
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke test")
    parser.add_argument("--only", help="run only bench_<ONLY>.py")
    parser.add_argument("--out", default=str(HERE / "results.json"))
    parser.add_argument("--readme", help="rewrite the benchmark table in this README")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: run one module, write its rows to --out
    args = parser.parse_args(argv)
    if args.one:
        write_json(args.out, load(Path(args.one)).run(quick=args.quick))
        return 0

    paths = sorted(HERE.glob("bench_*.py"))
    if args.only:
        paths = [p for p in paths if p.stem == f"bench_{args.only}"]
        if not paths:
            parser.error(f"--only {args.only}: no benchmarks/bench_{args.only}.py")
    rows = []
    for path in paths:
        print(f"== {path.name}", flush=True)
        for row in run_isolated(path, args.quick):
            row = with_ratio(dict(row, source=path.name))
            rows.append(row)
            print(table([row]).splitlines()[-1], flush=True)
    result = {
        "date": dt.date.today().isoformat(),
        "machine": f"{platform.machine()}, {__import__('os').cpu_count()} cores",
        "python": platform.python_version(),
        "quick": args.quick,
        "rows": rows,
    }
    write_json(args.out, result)
    print(f"\nwrote {args.out}\n\n{table(rows)}")
    if args.readme:
        readme = Path(args.readme)
        text = readme.read_text()
        if START not in text or END not in text:
            parser.error(f"--readme {readme}: no {START} ... {END} markers")
        head, rest = text.split(START, 1)
        tail = rest.split(END, 1)[1]
        note = f"Measured {result['date']} on {result['machine']} by `make bench`."
        write_text(readme, f"{head}{START}\n{note}\n\n{table(rows)}\n{END}{tail}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
