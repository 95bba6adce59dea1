"""Every chapter notebook: one ``parameters`` cell, and it runs in quick mode.

Each notebook is executed through papermill with ``quick=True`` and its
``output_dir`` in a temporary folder (the ``run_quick`` fixture, which
tests/test_exercises.py shares); ``tests/checks/check_<name>.py`` reads the
``results.json`` it wrote, so a notebook that runs but computes nonsense fails.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from conftest import load_check_module

ROOT = Path(__file__).resolve().parent.parent
# chapters NN_* and appendices AN_*, as book/execute.py finds them
NOTEBOOKS = sorted(p for pattern in ("[0-9][0-9]_*.ipynb", "A[0-9]_*.ipynb")
                   for p in (ROOT / "notebooks").glob(pattern))
REQUIRED_PARAMETERS = {"seed", "device", "quick", "output_dir"}
APPENDIX_PARAMETERS = {"seed", "quick", "output_dir"}  # an appendix that trains nothing has no device


def parameter_cells(path: Path) -> list:
    nb = nbformat.read(path, as_version=4)
    return [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]


def load_check(stem: str):
    """``check(results)`` of ``tests/checks/check_<stem>.py``: what the notebook must have computed."""
    return load_check_module(stem).check


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebooks/NN_*.ipynb found"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_one_parameters_cell(path):
    cells = parameter_cells(path)
    assert len(cells) == 1, f"{path.name}: {len(cells)} cells tagged 'parameters'"
    import papermill

    # what papermill itself can parse (an "=" in a comment hides a parameter from it)
    names = set(papermill.inspect_notebook(str(path)))
    required = APPENDIX_PARAMETERS if path.name.startswith("A") else REQUIRED_PARAMETERS
    assert required <= names, f"{path.name}: papermill sees no {required - names}"
    assert "quick = False" in cells[0].source, "quick must default to False"


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_in_quick_mode(path, run_quick):
    check = load_check(path.stem)
    check(run_quick(path.stem))


@pytest.mark.notebooks
@pytest.mark.parametrize("kind", ["shrec13", "shrec14"])
def test_experiments_chapter_on_the_real_layout(kind, tmp_path):
    """The GPU reproduction path of book/shrec.md, on a miniature tree in the real layout."""
    import papermill

    from conftest import build_mini_tree

    root = build_mini_tree(tmp_path / kind, kind=kind)
    out_dir = tmp_path / "out"
    papermill.execute_notebook(
        str(ROOT / "notebooks" / "06_experiments.ipynb"), str(tmp_path / "06.ipynb"),
        cwd=str(ROOT / "notebooks"), kernel_name="python3", progress_bar=False,
        parameters={"dataset": kind, "data_root": str(root), "cache_dir": str(tmp_path / "cache"),
                    "quick": True, "output_dir": str(out_dir)},
    )
    results = json.loads((out_dir / "results.json").read_text())
    assert set(results["per_class_ap"]["full"]) == {"chair", "cup", "lamp"}
    for result in results["variants"].values():
        assert 0.0 <= result["mean"]["mAP"] <= 1.0
