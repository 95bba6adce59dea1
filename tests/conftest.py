"""Shared fixtures and helpers for the sbsr tests."""

from __future__ import annotations

import functools
import importlib.util
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

if os.environ.get("PYTEST_XDIST_WORKER"):
    # `make test` runs one test process per core (pytest -n auto): one thread each, for
    # them and the notebook kernels they start, or the processes fight over the cores.
    os.environ.setdefault("OMP_NUM_THREADS", "1")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


# ---------------------------------------------------------------- chapters in quick mode


@functools.cache
def load_module(path: Path):
    """The Python file at ``path`` as a module, loaded once per test process."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_check_module(stem: str):
    """``tests/checks/check_<stem>.py`` as a module: ``check(results)``, and optionally
    ``PROSE`` (tests/test_book_prose.py) and ``EXERCISE`` with ``check_exercise``
    (tests/test_exercises.py)."""
    path = ROOT / "tests" / "checks" / f"check_{stem}.py"
    assert path.is_file(), f"add {path.relative_to(ROOT)} with check(results) for notebooks/{stem}.ipynb"
    return load_module(path)


def book_results(stem: str) -> dict | None:
    """The results of the quick book's own execution of ``notebooks/<stem>.ipynb`` (``make
    test`` builds the quick book first), if it is current: book/execute.py's
    ``executed_results``."""
    return load_module(ROOT / "book" / "execute.py").executed_results(stem, quick=True)


@pytest.fixture(scope="session")
def run_quick(tmp_path_factory):
    """``run_quick(stem, **parameters) -> results``: execute ``notebooks/<stem>.ipynb`` with
    papermill in quick mode with these parameters, and return its results.json. Each
    (chapter, parameters) runs once per test process, so the default run of a chapter
    serves its own check and its exercise's; and the default run is the quick book's own
    execution when that is current (:func:`book_results`), so a chapter is not executed
    twice by `make test`."""
    import json

    import papermill

    done: dict[str, dict] = {}

    def run(stem: str, **parameters) -> dict:
        key = json.dumps([stem, parameters], sort_keys=True)
        if key not in done and not parameters:
            reused = book_results(stem)
            if reused is not None:
                done[key] = reused
        if key not in done:
            folder = tmp_path_factory.mktemp(stem)
            papermill.execute_notebook(
                str(ROOT / "notebooks" / f"{stem}.ipynb"), str(folder / f"{stem}.ipynb"),
                cwd=str(ROOT / "notebooks"), kernel_name="python3", progress_bar=False,
                parameters={**parameters, "quick": True, "output_dir": str(folder / "out")},
            )
            done[key] = json.loads((folder / "out" / "results.json").read_text())
        return done[key]

    return run


# ---------------------------------------------------------------- headless Chromium

CHROMIUM = Path("/usr/bin/chromium")
# Flags for a closed network: no background services that phone home.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def launch_chromium(playwright):
    """Debian's Chromium, headless, with the flags above."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def block_other_hosts(context, outside: list[str]) -> None:
    """Let requests to 127.0.0.1 (and data:/blob: URLs) through; abort and record every other."""
    from urllib.parse import urlparse

    def route(request_route):
        url = request_route.request.url
        if urlparse(url).hostname in {"127.0.0.1", None} or url.startswith(("data:", "blob:")):
            request_route.continue_()
        else:
            outside.append(url)
            request_route.abort()

    context.route("**/*", route)


# --------------------------------------------------------------------------
# Miniature SHREC trees (sbsr.data tests): the real folder layout, tiny files.
# --------------------------------------------------------------------------

#: (class name, number of models, train sketches, test sketches)
MINI_CLASSES = (("chair", 2, 3, 2), ("cup", 1, 3, 2), ("lamp", 2, 2, 1))


def _mini_mesh(class_index: int, item: int):
    import trimesh

    if class_index % 3 == 0:
        return trimesh.creation.box((1.0 + 0.2 * item, 0.6, 0.3))
    if class_index % 3 == 1:
        return trimesh.creation.icosphere(subdivisions=1, radius=1.0 + 0.1 * item)
    return trimesh.creation.cylinder(radius=0.3, height=1.5 + 0.1 * item, sections=8)


def _mini_sketch(path: Path, class_index: int, item: int) -> None:
    from PIL import Image, ImageDraw

    image = Image.new("L", (40, 30), 255)
    draw = ImageDraw.Draw(image)
    draw.line((4 + item, 5, 35 - class_index * 5, 25), fill=0, width=2)
    draw.ellipse((10, 8, 22 + class_index * 4, 20), outline=0)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path)


def build_mini_tree(root: Path, kind: str = "shrec13", classes=MINI_CLASSES) -> Path:
    """Write a miniature benchmark in the exact SHREC'13 (or "synth") / SHREC'14 layout."""
    from sbsr.data.shrec import LAYOUTS, SYNTH_MARKER, write_cla

    layout = LAYOUTS[kind]
    models, splits = {}, {"train": {}, "test": {}}
    model_id, sketch_id = 1, 1
    for c, (name, num_models, num_train, num_test) in enumerate(classes):
        models[name] = []
        for m in range(num_models):
            id_ = f"{model_id:06d}" if kind == "shrec14" else str(model_id)
            path = root / layout.model.format(id=id_)
            path.parent.mkdir(parents=True, exist_ok=True)
            _mini_mesh(c, m).export(path, file_type="off")
            models[name].append(id_)
            model_id += 1
        for split, count in (("train", num_train), ("test", num_test)):
            splits[split][name] = []
            for s in range(count):
                _mini_sketch(root / layout.sketch[split].format(cls=name, id=sketch_id), c, s)
                splits[split][name].append(str(sketch_id))
                sketch_id += 1
    eval_dir = root / layout.eval_dirs[0]
    write_cla(eval_dir / layout.cla["models"], models)
    write_cla(eval_dir / layout.cla["train"], splits["train"])
    write_cla(eval_dir / layout.cla["test"], splits["test"])
    if kind == "synth":
        (root / SYNTH_MARKER).write_text("{}\n")
    return root


@pytest.fixture
def mini_tree(tmp_path):
    """``mini_tree(kind="shrec13", classes=MINI_CLASSES) -> root`` of a fresh miniature benchmark."""

    def make(kind: str = "shrec13", classes=MINI_CLASSES) -> Path:
        return build_mini_tree(tmp_path / kind, kind, classes)

    return make
