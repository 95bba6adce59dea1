"""Chapter 07 (notebooks/07_demo.ipynb): its exercises hold, and its page states what it computed."""

from __future__ import annotations

import contextlib
import html
import io
import json
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "notebooks" / "07_demo.ipynb"


def solution(title: str) -> str:
    """The Python code of the dropdown ``title`` in the chapter's Exercises."""
    cells = [c.source for c in nbformat.read(NOTEBOOK, as_version=4).cells if c.cell_type == "markdown"]
    exercises = next(c for c in cells if c.startswith("## Exercises"))
    block = exercises.split(f":::{{dropdown}} {title}\n", 1)[1].split("\n:::", 1)[0]
    return block.split("```python\n", 1)[1].split("```", 1)[0]


def test_the_solution_to_exercise_2_prints_what_the_page_says():
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(solution("Solution to exercise 2"), {})  # noqa: S102 (the book's own code)
    assert out.getvalue().strip() == "chair_1: 0 pixels differ, by at most 0"


@pytest.mark.notebooks
def test_exercise_3_top_k_1(tmp_path):
    """With top_k = 1, the random ranking finds each drawing's class with its share of the gallery."""
    import papermill

    from sbsr.data.drawings import DRAWINGS
    from sbsr.data.prepare import prepare_benchmark

    out = tmp_path / "out"
    papermill.execute_notebook(str(NOTEBOOK), str(tmp_path / "07.ipynb"), cwd=str(NOTEBOOK.parent),
                               kernel_name="python3", progress_bar=False,
                               parameters={"quick": True, "top_k": 1, "output_dir": str(out)})
    drawings = json.loads((out / "results.json").read_text())["drawings"]
    bench = prepare_benchmark("synth", ROOT / "data" / "synthsbr", quick=True, progress=False)  # the notebook's
    share = np.bincount(bench.models.labels) / len(bench.models)
    expected = sum(share[bench.classes.index(d.class_name)] for d in DRAWINGS if d.class_name in bench.classes)
    assert drawings["top_k"] == 1
    assert drawings["random_ranking"] == pytest.approx(expected, rel=1e-9)
    assert drawings["class_in_top"]["full"] <= drawings["count"]


@pytest.mark.book
def test_the_page_states_the_numbers_of_its_results():
    page = ROOT / "_build" / "html" / "book" / "generated" / "07_demo.html"
    path = ROOT / "runs" / "07_demo" / "results.json"
    if not page.is_file() or not path.is_file():
        pytest.fail(f"{page} or {path} is missing: run `make book` first")
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page.read_text())).split())
    results = json.loads(path.read_text())
    d = results["drawings"]
    assert (f"The full model finds the class of {d['class_in_top']['full']} of the {d['count']} drawings "
            f"({d['classes']} classes) among its {d['top_k']} nearest shapes, without adaptation "
            f"{d['class_in_top']['no_adaptation']}; a random ranking would find {d['random_ranking']:.1f} "
            "on average") in text
    web = results["web_demo"]
    worst = max(c["max_abs_diff"] for c in web["check"].values())
    assert f"by at most {worst:.1e} in any component" in text
    queries = next(iter(web["check"].values()))["queries"]
    assert f"On the {queries} test sketches" in text
    assert f"this chapter took {results['seconds']:.0f} s" in text
