"""What the built book's chapters computed, read back across chapters (run after ``make book``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.book

RUNS = Path(__file__).resolve().parent.parent / "runs"


def results(chapter: str) -> dict:
    path = RUNS / chapter / "results.json"
    if not path.is_file():
        pytest.fail(f"{path} is missing: run `make book` first")
    return json.loads(path.read_text())


def test_the_study_reports_the_recognisability_the_data_chapter_calibrated():
    # the same benchmark, the same first seed's sketch backbone, the same probe: one number
    calibrated = results("01_data")["calibration"]["recognised_test"]
    assert results("08_reproduction_study")["recognised"]["human-style (default)"] == calibrated


def test_the_study_starts_from_the_experiments_chapter():
    # the study's default row is the experiments chapter's table, read from the shared cache
    table = results("06_experiments")["variants"]
    default = results("08_reproduction_study")["rows"][0]
    assert default["hypothesis"] == "default"
    for variant in ("full", "joint_triplet"):
        assert default["mAP"][variant]["mean"] == pytest.approx(table[variant]["mean"]["mAP"], abs=1e-12)
