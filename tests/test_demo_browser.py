"""The retrieval demo in a real browser: Voila on 127.0.0.1, headless Chromium, the network blocked.

A tiny model is trained on a miniature benchmark (three classes, seconds on
a CPU) and written to a demo file; Voila serves ``notebooks/demo_app.ipynb``
for it. The test draws strokes with the mouse and searches, picks a test
sketch the model ranks correctly (found beforehand with the same model, so
the case is deterministic), opens a result in 3D and switches the variant.
Screenshots go to ``_build/screenshots/demo_*.png``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import block_other_hosts, build_mini_tree, launch_chromium

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "_build" / "screenshots"
# Voila's lab template links Font Awesome's CSS from a CDN (the fonts are also in its
# bundle, so icons still show); those two requests are blocked and tolerated, no other.
VOILA_TEMPLATE_CDN = "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@"
APP_READY_S = 120  # Voila starts a kernel that imports torch and loads the model
SEARCH_S = 10  # from the click on Search to the ranked thumbnails on screen


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """A trained tiny demo model: (demo file, a test sketch index ranked right, its class)."""
    from sbsr.demo import RetrievalApp, load_demo_model
    from sbsr.demo.build import train_demo_model
    from sbsr.train.config import preset

    work = tmp_path_factory.mktemp("demo")
    root = build_mini_tree(work / "mini", "synth")
    config = preset("quick").replace(**{
        "sketch.steps": 30, "shape.steps": 20, "metric.steps": 60, "metric.classes_per_batch": 3,
        "spal.steps": 60, "spal.classes_per_batch": 3})
    path = train_demo_model(root, work / "demo.pt", config, progress=False)
    app = RetrievalApp(load_demo_model(path))
    right = []
    for i, label in enumerate(app.model.queries.labels):
        app.picker.value = i
        if app.search().labels[0] == label:
            right.append(i)
    assert right, "the tiny model ranks no test sketch's class first"
    pick = right[0]
    return path, pick, app.model.gallery.classes[app.model.queries.labels[pick]], app.picker.options[pick + 1][0]


@pytest.fixture(scope="module")
def voila(demo):
    port = free_port()
    env = dict(os.environ, SBSR_DEMO_MODEL=str(demo[0]))
    cmd = [sys.executable, "-m", "voila", str(ROOT / "notebooks" / "demo_app.ipynb"), "--no-browser",
           "--Voila.ip=127.0.0.1", f"--port={port}"]
    log = open(ROOT / "_build" / "voila-demo.log", "w") if (ROOT / "_build").is_dir() else subprocess.DEVNULL
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 120
    while True:  # a port that accepts connections (a GET of the page would start a kernel)
        try:
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"Voila did not start on {url} (exit code {proc.poll()})")
            time.sleep(0.5)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def page(voila):
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        context = browser.new_context(viewport={"width": 1100, "height": 1000})
        outside, page_errors = [], []
        block_other_hosts(context, outside)
        page = context.new_page()
        page.on("pageerror", lambda err: page_errors.append(str(err)))
        page.goto(voila, timeout=APP_READY_S * 1000)
        page.wait_for_selector("canvas.sbsr-canvas", state="visible", timeout=APP_READY_S * 1000)
        yield page
        page.screenshot(path=str(SHOTS / "demo_last.png"))
        browser.close()
        assert not page_errors, f"JavaScript errors on the page: {page_errors[:3]}"
        others = [u for u in outside if not u.startswith(VOILA_TEMPLATE_CDN)]
        assert not others, f"requests left 127.0.0.1: {others[:5]}"


def test_draw_and_search(page):
    canvas = page.locator("canvas.sbsr-canvas").last
    box = canvas.bounding_box()
    x0, y0 = box["x"], box["y"]
    page.mouse.move(x0 + 60, y0 + 250)  # a chair-like sketch: seat, back, two legs
    page.mouse.down()
    for x, y in ((250, 250), (250, 300)):
        page.mouse.move(x0 + x, y0 + y, steps=8)
    page.mouse.up()
    page.mouse.move(x0 + 60, y0 + 300)
    page.mouse.down()
    page.mouse.move(x0 + 60, y0 + 60, steps=10)
    page.mouse.up()
    ink = page.evaluate("""() => {
        const c = document.querySelector('canvas.sbsr-canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }""")
    assert ink > 500  # the strokes show on the canvas, not only in the kernel
    start = time.monotonic()
    page.locator(".sbsr-search").click()
    page.wait_for_selector(".sbsr-result >> nth=4", timeout=SEARCH_S * 1000)
    elapsed = time.monotonic() - start
    assert page.locator(".sbsr-result").count() == 5  # k = 10 > 5 models: all of them
    assert "Top 5 of 5 shapes" in page.locator(".sbsr-message").inner_text()
    page.screenshot(path=str(SHOTS / "demo_draw.png"), full_page=True)
    assert elapsed < SEARCH_S


def test_empty_canvas_says_so(page):
    page.locator(".sbsr-clear").click()
    page.locator(".sbsr-search").click()
    page.wait_for_function("document.querySelector('.sbsr-message').innerText.includes('canvas is empty')",
                           timeout=SEARCH_S * 1000)
    assert page.locator(".sbsr-result").count() == 0


def test_picked_test_sketch_finds_its_class_first(page, demo):
    _, _, cls, label = demo
    page.locator(".widget-dropdown select").select_option(label=label)
    page.locator(".sbsr-search").click()
    page.wait_for_function(
        f"document.querySelector('.sbsr-message').innerText.includes('query class: {cls}')",
        timeout=SEARCH_S * 1000)
    first = page.locator(".sbsr-result").first.locator("button").inner_text()
    assert first.strip() == f"1. {cls}"
    page.screenshot(path=str(SHOTS / "demo_pick.png"), full_page=True)


def test_result_opens_in_3d_and_variant_switches(page):
    page.locator(".sbsr-result").first.locator("button").click()
    page.wait_for_selector(".sbsr-viewer .js-plotly-plot", timeout=30_000)
    page.locator(".widget-toggle-buttons button", has_text="no adaptation").click()
    page.wait_for_function("document.querySelector('.sbsr-message').innerText.includes('no adaptation')",
                           timeout=SEARCH_S * 1000)
    page.screenshot(path=str(SHOTS / "demo_3d.png"), full_page=True)
