"""Every chapter notebook: one ``parameters`` cell, and it runs in quick mode.

Each notebook is executed through papermill with ``quick=True`` and its
``output_dir`` in a temporary folder; the checks below read the
``results.json`` it wrote, so a notebook that runs but computes nonsense fails.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
REQUIRED_PARAMETERS = {"seed", "device", "quick", "output_dir"}


def parameter_cells(path: Path) -> list:
    nb = nbformat.read(path, as_version=4)
    return [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]


def check_00_overview(results: dict) -> None:
    assert results["environment"]["quick"] is True
    cameras = results["cameras"]
    assert len(cameras) == 12
    # every camera 2 units from the centre, 30 degrees above the horizon
    for x, y, z in cameras:
        assert abs((x * x + y * y + z * z) ** 0.5 - 2.0) < 1e-5
        assert abs(z - 1.0) < 1e-5


def check_01_data(results: dict) -> None:
    bench = results["benchmark"]
    assert bench["classes"] == 10 and bench["models"] > 10 * 4
    assert bench["test_sketches"] == 10 * bench["classes"]
    raw = results["raw_pixel"]
    # raw pixels carry the class within the sketch modality better than across the gap
    assert raw["within_sketches"]["NN"] > raw["cross_modal"]["NN"]
    for name in ("cross_modal", "within_sketches", "chance"):
        assert 0.0 <= raw[name]["mAP"] <= 1.0
    stats = results["pixel_statistics"]
    # rendered views are filled silhouettes, sketches are outlines
    assert stats["rendered views"]["fill"] > stats["sketches"]["fill"]


CHECKS = {"00_overview": check_00_overview, "01_data": check_01_data}


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebooks/NN_*.ipynb found"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_one_parameters_cell(path):
    cells = parameter_cells(path)
    assert len(cells) == 1, f"{path.name}: {len(cells)} cells tagged 'parameters'"
    import papermill

    # what papermill itself can parse (an "=" in a comment hides a parameter from it)
    names = set(papermill.inspect_notebook(str(path)))
    assert REQUIRED_PARAMETERS <= names, f"{path.name}: papermill sees no {REQUIRED_PARAMETERS - names}"
    assert "quick = False" in cells[0].source, "quick must default to False"


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_in_quick_mode(path, tmp_path):
    import papermill

    assert path.stem in CHECKS, f"add a check of {path.stem}'s results to CHECKS"
    out_dir = tmp_path / "out"
    papermill.execute_notebook(
        str(path), str(tmp_path / path.name), cwd=str(path.parent), kernel_name="python3",
        parameters={"quick": True, "output_dir": str(out_dir)}, progress_bar=False,
    )
    results = json.loads((out_dir / "results.json").read_text())
    CHECKS[path.stem](results)
