"""What the built book's pages say, read back (run after ``make book``; ``make test`` does).

- No page shows a progress bar (book/execute.py strips them; this reads the HTML).
- Every number a chapter states in a sentence agrees with the ``results.json`` it wrote.
  A chapter lists those sentences in ``PROSE`` in ``tests/checks/check_<name>.py``: a
  regular expression in which ``<n>`` stands for a number as printed (``0.765``,
  ``1,258``, ``76`` before a ``%``) and ``<w>`` for a name, and for each of them a dotted
  path into results.json (``"calibration.recognised_test"``; a key may hold spaces) or a
  function of the results. The page's number must be the result rounded as printed. The
  page's text has straight quotes (``SHREC's``), whatever the theme prints.
- A chapter that states its run time ("Run time on a 2-core CPU: about N s|min") states
  the time ``book/execute.py`` expects of it.
- The metrics page's worked example and its exercise's solution are what
  :func:`sbsr.metrics.evaluate` computes.
"""

from __future__ import annotations

import html.parser
import importlib.util
import json
import re
from pathlib import Path

import numpy as np
import pytest

from conftest import load_check_module

pytestmark = pytest.mark.book

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
RUNS = ROOT / "runs"
NOTEBOOKS = sorted(p.stem for pattern in ("[0-9][0-9]_*.ipynb", "A[0-9]_*.ipynb")
                   for p in (ROOT / "notebooks").glob(pattern))
WITH_PROSE = [stem for stem in NOTEBOOKS if hasattr(load_check_module(stem), "PROSE")]
# Chapters that must state their run time in the form RUN_TIME reads; add yours when it does.
STATES_RUN_TIME = {"00_overview", "01_data", "02_features", "03_metric_learning", "04_adaptation", "05_tsne",
                   "06_experiments", "08_validation_search", "09_reproduction_study", "A1_calibration_log"}
PLACEHOLDERS = {"<n>": r"(\d[\d,]*(?:\.\d+)?)", "<w>": r"(\w+)"}
RUN_TIME = re.compile(r"Run time on a 2-core CPU: about (\d+ (?:s|min))")


def load_execute():
    spec = importlib.util.spec_from_file_location("book_execute", ROOT / "book" / "execute.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _Text(html.parser.HTMLParser):
    """The text of a page's article, without scripts and styles, whitespace collapsed."""

    def __init__(self):
        super().__init__()
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self.skip -= tag in ("script", "style") and self.skip > 0

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def page_text(path: Path) -> str:
    if not path.is_file():
        pytest.fail(f"{path} is missing: run `make book` first")
    parser = _Text()
    parser.feed(path.read_text(encoding="utf-8"))
    text = "".join(parser.parts).translate(str.maketrans("‘’“”", "''\"\""))
    return re.sub(r"\s+", " ", text)


def book_pages() -> list[Path]:
    skip = {"search.html", "genindex.html", "py-modindex.html"}
    return sorted(p for p in HTML.rglob("*.html")
                  if p.name not in skip and "_modules" not in p.parts and "_static" not in p.parts)


def chapter_page(stem: str) -> Path:
    return HTML / "book" / "generated" / f"{stem}.html"


def results(stem: str) -> dict:
    path = RUNS / stem / "results.json"
    if not path.is_file():
        pytest.fail(f"{path} is missing: run `make book` first")
    return json.loads(path.read_text())


def lookup(data: dict, spec):
    """The value a PROSE entry names: a function of the results, or a dotted path in them."""
    if callable(spec):
        return spec(data)
    for key in spec.split("."):
        data = data[key]
    return data


def agrees(printed: str, value) -> bool:
    """Whether ``printed`` (as on the page) is ``value`` rounded the way it was printed."""
    number = printed.replace(",", "")
    if not re.fullmatch(r"-?\d+(\.\d+)?", number):
        return printed == str(value)
    decimals = len(number.partition(".")[2])
    return abs(float(number) - float(value)) <= 0.5 * 10.0 ** -decimals + 1e-9


def test_no_page_shows_a_progress_bar():
    pages = book_pages()
    assert len(pages) >= 10, "the book is not built: run `make book` first"
    bar = load_execute().PROGRESS_BAR
    shown = {p.relative_to(HTML).as_posix(): bar.search(page_text(p)).group(0)
             for p in pages if bar.search(page_text(p))}
    assert shown == {}, f"progress bars in the built pages: {shown}"


def test_the_progress_pattern_finds_a_bar_in_a_page():
    # the check above could pass by reading nothing: the pattern must find a real bar
    bar = load_execute().PROGRESS_BAR
    assert bar.search("<pre>spal:  40%|####      | 120/300 [00:01<00:02, 99.0it/s]</pre>")
    assert bar.search("features: 1258it [00:02, 512.30it/s]")


@pytest.mark.parametrize("stem", WITH_PROSE)
def test_numbers_in_the_prose_are_the_results(stem):
    text, data = page_text(chapter_page(stem)), results(stem)
    wrong = []
    for pattern, specs in load_check_module(stem).PROSE:
        for placeholder, group in PLACEHOLDERS.items():
            pattern = pattern.replace(placeholder, group)
        found = re.search(pattern, text)
        assert found, f"{stem}: the page no longer says /{pattern}/"
        assert len(found.groups()) == len(specs), f"{stem}: /{pattern}/ has {len(specs)} values"
        for printed, spec in zip(found.groups(), specs):
            value = lookup(data, spec)
            if not agrees(printed, value):
                wrong.append(f"/{pattern}/: the page says {printed}, results.json {value!r}")
    assert wrong == [], f"{stem}: " + "; ".join(wrong)


@pytest.mark.parametrize("stem", sorted(STATES_RUN_TIME))
def test_a_chapter_states_the_run_time_the_build_expects(stem):
    execute = load_execute()
    stated = RUN_TIME.findall(page_text(chapter_page(stem)))
    assert stated, f"{stem} does not say 'Run time on a 2-core CPU: about ...'"
    expected = execute.minutes(execute.EXPECTED_SECONDS[stem][0])
    assert stated == [expected], f"{stem} says {stated}, book/execute.py expects {expected}"


def test_the_metrics_page_works_its_example_as_evaluate_does():
    from sbsr.metrics import evaluate

    text = page_text(HTML / "book" / "metrics.html")
    labels = [0, 1, 0, 1, 1, 0]
    n = PLACEHOLDERS["<n>"]
    tables = re.findall(rf"The SHREC table (?:for this query )?reads NN {n}, FT {n}, ST {n}, E {n}, "
                        rf"DCG {n}, mAP {n}", text)
    assert len(tables) == 2, "the worked example and exercise 1's solution each end in a SHREC table"
    for printed, t6 in zip(tables, (0.4, 0.15)):  # the example, then t6 moved to 0.15
        scores = evaluate(np.array([[0.1, 0.3, 0.5, 0.2, 0.6, t6]]), [0], labels)
        computed = [scores[name] for name in ("NN", "FT", "ST", "E", "DCG", "mAP")]
        assert all(agrees(p, v) for p, v in zip(printed, computed)), (t6, printed, computed)
