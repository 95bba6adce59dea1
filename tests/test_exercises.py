"""One exercise per chapter, run as a reader would: the chapter in quick mode with the
parameters the exercise changes, and what the exercise says to expect, asserted against the
chapter's default run.

A chapter takes part by defining, in ``tests/checks/check_<name>.py``, ``EXERCISE`` (the
papermill parameters the exercise changes; none for an exercise that reads the chapter's
own results) and ``check_exercise(results, default)`` (the results.json of that run and of
the default run). The default run is shared with
tests/test_notebooks.py (the ``run_quick`` fixture), so only the changed run costs time.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import load_check_module

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
WITH_EXERCISE = [stem for stem in CHAPTERS if hasattr(load_check_module(stem), "EXERCISE")]
# Chapters whose "Exercises" section has a parameter exercise that this test runs; a chapter
# added here must define EXERCISE in its check file (the test below fails until it does).
REQUIRED = {"01_data", "02_features", "03_metric_learning", "04_adaptation", "05_tsne", "06_experiments",
            "08_validation_search", "09_reproduction_study"}


def test_the_chapters_that_must_have_a_tested_exercise_have_one():
    assert REQUIRED <= set(WITH_EXERCISE), f"no EXERCISE in the check files of {REQUIRED - set(WITH_EXERCISE)}"


def test_an_exercise_names_parameters_the_notebook_has():
    import papermill

    for stem in WITH_EXERCISE:
        names = set(papermill.inspect_notebook(str(ROOT / "notebooks" / f"{stem}.ipynb")))
        unknown = set(load_check_module(stem).EXERCISE) - names
        assert not unknown, f"{stem}: the exercise sets {unknown}, which are not parameters"


@pytest.mark.notebooks
@pytest.mark.parametrize("stem", WITH_EXERCISE)
def test_exercise(stem, run_quick):
    module = load_check_module(stem)
    default = run_quick(stem)
    changed = run_quick(stem, **module.EXERCISE)
    module.check_exercise(changed, default)
