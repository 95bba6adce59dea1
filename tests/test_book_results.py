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
    assert results("09_reproduction_study")["recognised"]["human-style (default)"] == calibrated


def test_the_study_starts_from_the_experiments_chapter():
    # the study's default row is the experiments chapter's table, read from the shared cache
    table = results("06_experiments")["variants"]
    default = results("09_reproduction_study")["rows"][0]
    assert default["hypothesis"] == "default"
    for variant in ("full", "joint_triplet"):
        assert default["mAP"][variant]["mean"] == pytest.approx(table[variant]["mean"]["mAP"], abs=1e-12)
    # and so is its SHREC 2014 claim's reference: the same per-seed gaps
    gaps = [a - b for a, b in zip(table["full"]["per_seed_maps"], table["joint_triplet"]["per_seed_maps"])]
    assert default["gaps"] == pytest.approx(gaps, abs=1e-12)


def test_the_first_page_states_the_claims_the_chapters_measured():
    from sbsr.claims import CLAIMS, book_link, first_page

    chapters = {c.chapter for c in CLAIMS}
    table = first_page({c: results(c) for c in chapters}, book_link)
    included = (RUNS.parent / "book" / "generated" / "claims.md").read_text()
    assert included.strip() == table.strip() and "not measured" not in included


def test_the_experiments_chapter_runs_with_the_settings_the_search_chose_or_says_not():
    # the defaults were set to the search's choice; the search chapter records whether this build agrees
    agree = results("08_validation_search")["defaults_agree"]
    assert set(agree) == {"full", "joint_triplet"} and all(isinstance(v, bool) for v in agree.values())
