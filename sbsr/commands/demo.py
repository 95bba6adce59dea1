"""``sbsr demo``: train the demo model if needed, then serve the retrieval app with Voila.

    sbsr demo --data DIR [--checkpoint FILE] [--preset default|quick] [--port 8866] [--no-serve]

The checkpoint (default ``runs/demo/<data folder>-<preset>.pt``) is made
from ``no_adaptation`` and ``full`` on the benchmark at DIR when missing; their
stages are the ones the book's chapters train and cache under ``--cache-dir``,
so after ``make book`` nothing is trained again. Voila then serves
``notebooks/demo_app.ipynb`` on 127.0.0.1 only (this machine, never the network),
with sbsr's Voila template (``sbsr/demo/jupyter``: the page asks no other host
for anything). Voila replaces the ``sbsr demo`` process, so a SIGTERM to it
(a service manager, ``docker stop``) stops the server and its kernels.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from sbsr.commands.data import reports_errors

NOTEBOOK = Path("notebooks") / "demo_app.ipynb"
#: A Jupyter data folder holding sbsr's Voila template (``voila/templates/sbsr``).
JUPYTER_DIR = Path(__file__).resolve().parent.parent / "demo" / "jupyter"


def voila_command(notebook: Path, port: int) -> list[str]:
    """Voila on 127.0.0.1:``port`` with sbsr's template, no browser opened."""
    return [sys.executable, "-m", "voila", str(notebook), "--no-browser", "--Voila.ip=127.0.0.1",
            f"--port={port}", "--template=sbsr"]


def voila_env(**variables: str) -> dict[str, str]:
    """This process's environment plus ``variables``, with :data:`JUPYTER_DIR` first on ``JUPYTER_PATH``."""
    path = os.pathsep.join(filter(None, [str(JUPYTER_DIR), os.environ.get("JUPYTER_PATH")]))
    return dict(os.environ, JUPYTER_PATH=path, **variables)


@reports_errors
def run(args) -> int:
    from sbsr.chapters import shared_out_dir
    from sbsr.data.shrec import detect_kind
    from sbsr.demo.build import train_demo_model
    from sbsr.train.config import preset

    data = Path(args.data)
    checkpoint = Path(args.checkpoint or Path("runs") / "demo" / f"{data.resolve().name}-{args.preset}.pt")
    if not checkpoint.is_file():
        print(f"training the demo model on {data} ({args.preset} preset) -> {checkpoint}", file=sys.stderr)
        out_dir = shared_out_dir(args.cache_dir, detect_kind(data), data.resolve(), args.preset)
        train_demo_model(data, checkpoint, preset(args.preset), progress=True, out_dir=out_dir)
    if args.no_serve:
        print(checkpoint)
        return 0
    notebook = Path(args.notebook)
    if not notebook.is_file():
        raise FileNotFoundError(f"demo notebook {notebook} does not exist (run from the repository root "
                                "or pass --notebook)")
    env = voila_env(SBSR_DEMO_MODEL=str(checkpoint.resolve()), SBSR_DEMO_DATA=str(data.resolve()))
    print(f"demo: http://127.0.0.1:{args.port}/ (Ctrl-C stops it)", file=sys.stderr, flush=True)
    command = voila_command(notebook, args.port)
    os.execve(command[0], command, env)  # Voila takes this process over: signals reach the server


def register(subparsers) -> None:
    parser = subparsers.add_parser("demo", help="serve the draw-a-sketch retrieval app (Voila, localhost)")
    parser.add_argument("--data", required=True, help="benchmark folder (SHREC layout, e.g. SynthSBR)")
    parser.add_argument("--checkpoint", help="demo model file; trained when missing "
                        "(default: runs/demo/<data folder>-<preset>.pt)")
    parser.add_argument("--preset", default="default", choices=["quick", "default"],
                        help="training preset when the checkpoint is missing (default: %(default)s)")
    parser.add_argument("--cache-dir", default=str(Path("runs") / "cache"),
                        help="trained stages shared with the book's chapters (default: %(default)s)")
    parser.add_argument("--port", type=int, default=8866, help="port on 127.0.0.1 (default: %(default)s)")
    parser.add_argument("--notebook", default=str(NOTEBOOK), help="the app notebook (default: %(default)s)")
    parser.add_argument("--no-serve", action="store_true", help="only train/load the model, print its path")
    parser.set_defaults(func=run)
