"""Open every page of the built book in headless Chromium with the network blocked.

Run after ``make book`` (``make test`` does both). Each page must load with no
request leaving 127.0.0.1, no console error, every plotly figure drawn, saved
widgets shown by the local widget manager, all math typeset by the local MathJax, no
legend crowding its plot or hiding entries, no table scrolling sideways and no full-width
cell past the window's edge at 1280 px (and 1100 px: another test). With
``SBSR_SCREENSHOTS=1`` in the environment, a screenshot of each whole page goes to
``_build/screenshots/`` so a person can look at them (they take about a tenth of these
tests' time, so `make test` leaves them out).
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

from conftest import block_other_hosts, launch_chromium

pytestmark = [pytest.mark.book, pytest.mark.browser]

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
SHOTS = ROOT / "_build" / "screenshots"
LEGEND_SHARE = 0.15  # the most of a figure's width a legend beside the plot may take
# Per plotly figure: [title, width of a vertical legend / width of the figure (0: none or
# horizontal), whether the legend scrolls (some entries out of sight)].
LEGENDS = """() => [...document.querySelectorAll('div.plotly-graph-div')].map(d => {
    const legend = d.querySelector('g.legend'), scrollbar = d.querySelector('g.legend rect.scrollbar');
    const beside = legend && (d.layout.legend || {}).orientation !== 'h';
    return [(d.layout.title || {}).text || '',
            beside ? legend.getBoundingClientRect().width / d.getBoundingClientRect().width : 0,
            Boolean(scrollbar && scrollbar.getBBox().height > 0)]; })"""
# Per visible table wider than its box (the theme then scrolls it sideways, hiding columns):
# [its header row's text, how many px are out of sight].
WIDE_TABLES = """() => [...document.querySelectorAll('article table')].filter(t => t.offsetParent !== null)
    .map(t => [t.rows[0] ? t.rows[0].innerText.replace(/\\s+/g, ' ').slice(0, 80) : '',
               (t.closest('.pst-scrollable-table-container') || t.parentElement).scrollWidth
               - (t.closest('.pst-scrollable-table-container') || t.parentElement).clientWidth])
    .filter(([_, hidden]) => hidden > 1)"""


#: The right edge of the page's rightmost full-width cell (0 when it has none).
FULL_WIDTH_RIGHT = ("Math.max(0, ...[...document.querySelectorAll('div.cell.tag_full-width')]"
                    ".map(e => e.getBoundingClientRect().right))")


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
    if os.environ.get("SBSR_SCREENSHOTS") == "1":
        SHOTS.mkdir(parents=True, exist_ok=True)
        name = page.relative_to(HTML).as_posix().replace("/", "__").removesuffix(".html")
        tab.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
    tallest = tab.evaluate("Math.max(0, ...[...document.querySelectorAll('.cell_output')].map(e => e.offsetHeight))")
    legends = tab.evaluate(LEGENDS)
    wide = tab.evaluate(WIDE_TABLES)
    right = tab.evaluate(FULL_WIDTH_RIGHT)
    context.close()

    # saved progress-bar redraws once made one cell's output 44,000 px tall
    assert tallest < 5_000, f"{url}: a cell's output is {tallest} px tall: look for runaway output"
    # a legend beside a plot confined to the text column took a fifth to a quarter of its width
    crowded = [(title, round(share, 2)) for title, share, _ in legends if share > LEGEND_SHARE]
    assert crowded == [], (f"{url}: legends beside the plot take more than {LEGEND_SHARE:.0%} of the figure's "
                           f"width: {crowded}; give the cell the tag full-width or use sbsr.plotting.LEGEND_ABOVE")
    scrolled = [title for title, _, scrolls in legends if scrolls]
    assert scrolled == [], f"{url}: legends that hide entries behind a scrollbar: {scrolled}"

    # a table that scrolls sideways at 1280 px hides its last columns (the scores) from a reader
    assert wide == [], f"{url}: tables wider than the text column at 1280 px ([header, px hidden]): {wide}"

    assert right <= 1280, f"{url}: a full-width cell ends at {right:.0f} px in a 1280 px window"

    assert outside == [], f"{url} tried to reach other hosts: {outside}"
    assert errors == [], f"{url} logged console errors: {errors}"


def full_width_pages() -> list[Path]:
    """The pages with a cell tagged ``full-width`` (the theme widens it into the margin)."""
    return [p for p in book_pages() if "tag_full-width" in p.read_text(encoding="utf-8")]


@pytest.mark.parametrize("width", [1100])  # and 1280 in test_page_works_offline
@pytest.mark.parametrize("page", full_width_pages(), ids=lambda p: p.relative_to(HTML).as_posix())
def test_full_width_cells_stay_in_the_window(page: Path, width: int, server: str, browser):
    """Below 1200 px the theme's 136% column ran past the window's edge (book/_static/full-width.css)."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    tab.goto(f"{server}/{page.relative_to(HTML).as_posix()}", wait_until="load")
    right = tab.evaluate(FULL_WIDTH_RIGHT)
    context.close()
    assert right <= width, f"{page.name}: a full-width cell ends at {right:.0f} px in a {width} px window"
