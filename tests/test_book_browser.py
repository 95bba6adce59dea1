"""Open every page of the built book in headless Chromium with the network blocked.

Run after ``make book`` (``make test`` does both). Each page must load with no
request leaving 127.0.0.1, no console error, every plotly figure drawn, saved
widgets shown by the local widget manager and all math typeset by the local MathJax. A screenshot of each page goes to
``_build/screenshots/`` so a person can look at them.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from conftest import block_other_hosts, launch_chromium

pytestmark = [pytest.mark.book, pytest.mark.browser]

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
SHOTS = ROOT / "_build" / "screenshots"


def book_pages() -> list[Path]:
    """The HTML pages made from the table of contents (not search, genindex, module source)."""
    skip = {"search.html", "genindex.html", "py-modindex.html"}
    return sorted(
        p for p in HTML.rglob("*.html")
        if p.name not in skip and "_modules" not in p.parts and "_static" not in p.parts
        and p.relative_to(HTML).as_posix() != "index.html"
    )


@pytest.fixture(scope="module")
def server():
    if not (HTML / "index.html").is_file():
        pytest.fail(f"{HTML / 'index.html'} is missing: run `make book` first")
    handler = functools.partial(QuietHandler, directory=str(HTML))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        yield browser
        browser.close()


def test_the_book_has_pages():
    assert len(book_pages()) >= 4, [str(p) for p in book_pages()]


@pytest.mark.parametrize("page", book_pages(), ids=lambda p: p.relative_to(HTML).as_posix())
def test_page_works_offline(page: Path, server: str, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside, errors = [], []
    block_other_hosts(context, outside)
    tab = context.new_page()
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on("response", lambda r: errors.append(f"HTTP {r.status} {r.url}") if r.status >= 400 else None)
    url = f"{server}/{page.relative_to(HTML).as_posix()}"
    tab.goto(url, wait_until="load")

    figures = tab.locator("div.plotly-graph-div")
    for i in range(figures.count()):
        drawn = figures.nth(i).locator("svg.main-svg")
        drawn.first.wait_for(state="attached", timeout=15_000)
        assert drawn.first.evaluate("svg => svg.childElementCount") > 0, f"figure {i} is empty"
    views = tab.locator('script[type="application/vnd.jupyter.widget-view+json"]').count()
    if views:
        tab.locator(".jupyter-widgets").first.wait_for(state="attached", timeout=15_000)
    if tab.locator(".math").count():
        tab.locator("mjx-container").first.wait_for(state="attached", timeout=15_000)
        assert tab.locator("mjx-container").count() >= tab.locator(".math").count()
    tab.wait_for_timeout(300)
    SHOTS.mkdir(parents=True, exist_ok=True)
    name = page.relative_to(HTML).as_posix().replace("/", "__").removesuffix(".html")
    tab.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    tallest = tab.evaluate("Math.max(0, ...[...document.querySelectorAll('.cell_output')].map(e => e.offsetHeight))")
    context.close()

    # saved progress-bar redraws once made one cell's output 44,000 px tall
    assert tallest < 5_000, f"{url}: a cell's output is {tallest} px tall: look for runaway output"

    assert outside == [], f"{url} tried to reach other hosts: {outside}"
    assert errors == [], f"{url} logged console errors: {errors}"
