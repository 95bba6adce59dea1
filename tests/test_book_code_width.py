"""The book's code fits its box at 1280 px: no line scrolls sideways.

The chapters checked are the Makefile's ``FORMATTED`` notebooks (all chapters once it
reads ``notebooks/``): ruff keeps their lines within 88 columns, and
``book/_static/code-width.css`` sizes the code font so that 88 columns fit the box. The
same holds for the solutions in the exercises' dropdowns (a narrower box) and for the
commands and examples of the book's other pages.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path

import pytest

from conftest import launch_chromium

pytestmark = [pytest.mark.book, pytest.mark.browser]

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"


def formatted_chapters() -> list[str]:
    """The notebooks the Makefile's FORMATTED names (every chapter when it names the folder)."""
    makefile = (ROOT / "Makefile").read_text()
    definition = re.search(r"^FORMATTED :=(.*?)(?:\n\n|\n[^\t\n].*:)", makefile, re.S | re.M).group(1)
    names = re.findall(r"(\w+)\.ipynb", definition)
    if not names and "notebooks/" in definition:
        names = [p.stem for p in (ROOT / "notebooks").glob("[0-9A][0-9]_*.ipynb")]  # the book's pages
    return sorted(names)


def test_the_makefile_lists_the_formatted_chapters():
    assert {"00_overview", "01_data", "05_tsne"} <= set(formatted_chapters())


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def tab():
    if not (HTML / "index.html").is_file():
        pytest.fail(f"{HTML / 'index.html'} is missing: run `make book` first")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(HTML)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.base = f"http://127.0.0.1:{httpd.server_address[1]}"
        yield page
        browser.close()
    httpd.shutdown()


def code_boxes(tab, page: str) -> list[tuple[int, str]]:
    """(pixels hidden, longest line) of every code box of a page, dropdowns opened."""
    tab.goto(f"{tab.base}/{page}", wait_until="load")
    tab.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    return tab.evaluate("""() => [...document.querySelectorAll('div.highlight pre')].map(
        p => [p.scrollWidth - p.clientWidth, p.textContent.split('\\n').reduce((a, l) => l.length > a.length ? l : a, '')])""")


@pytest.mark.parametrize("stem", [s for s in formatted_chapters() if s != "demo_app"])
def test_no_code_line_scrolls_sideways_at_1280_px(stem, tab):
    boxes = code_boxes(tab, f"book/generated/{stem}.html")
    assert boxes, f"{stem}: no code cell found"
    wide = [line for overflow, line in boxes if overflow > 1]
    assert wide == [], f"{stem}: code boxes that scroll sideways at 1280 px, longest lines: {wide}"


PAGES = sorted(p.stem for p in (ROOT / "book").glob("*.md"))


def test_the_book_has_prose_pages():
    assert {"intro", "running", "shrec", "metrics"} <= set(PAGES)


@pytest.mark.parametrize("stem", PAGES)
def test_no_command_or_example_scrolls_sideways_at_1280_px(stem, tab):
    wide = [line for overflow, line in code_boxes(tab, f"book/{stem}.html") if overflow > 1]
    assert wide == [], f"book/{stem}.html: code boxes that scroll sideways at 1280 px, longest lines: {wide}"
