"""The retrieval demo in a real browser: Voila on 127.0.0.1, headless Chromium, the network blocked.

A tiny model is trained on a miniature benchmark (three classes, seconds on
a CPU) and written to a demo file; ``sbsr demo`` serves it, as a user starts
it. The test draws strokes with the mouse and searches, picks a test
sketch the model ranks correctly (found beforehand with the same model, so
the case is deterministic), goes back to drawing, opens a result in 3D and
switches the variant. No request may leave 127.0.0.1. Another ``sbsr demo``
gets a SIGTERM and must take its server and kernel with it.
Screenshots go to ``_build/screenshots/demo_*.png``.
"""

from __future__ import annotations

import contextlib
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import NamedTuple

import pytest

from conftest import block_other_hosts, build_mini_tree, launch_chromium

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "_build" / "screenshots"
APP_READY_S = 120  # Voila starts a kernel that imports torch and loads the model
SEARCH_S = 10  # from the click on Search to the ranked thumbnails on screen
STOP_S = 10  # from SIGTERM to a free port
# Pixels of the canvas drawn dark (a stroke or a picked sketch's lines); cleared pixels are transparent.
DARK_PIXELS = """() => {
    const c = document.querySelector('canvas.sbsr-canvas');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0; for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && d[i] < 128) n++; return n; }"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TinyDemo(NamedTuple):
    path: Path  # the demo file
    data: Path  # its benchmark
    cls: str  # the class of a test sketch the model ranks right
    label: str  # that sketch's entry in the picker


def start_demo(demo: TinyDemo, port: int, log=subprocess.DEVNULL) -> subprocess.Popen:
    """``sbsr demo`` for ``demo`` on ``port``, once its port accepts connections (a GET would start a kernel)."""
    cmd = [sys.executable, "-m", "sbsr", "demo", "--data", str(demo.data), "--checkpoint", str(demo.path),
           f"--port={port}"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
            return proc
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"sbsr demo did not start on port {port} (exit code {proc.poll()})")
            time.sleep(0.5)


def port_is_free(port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as a restarted server binds it
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> TinyDemo:
    """A trained tiny demo model and a test sketch it ranks right."""
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
    return TinyDemo(path, root, app.model.gallery.classes[app.model.queries.labels[pick]],
                    app.picker.options[pick + 1][0])


@pytest.fixture(scope="module")
def voila(demo):
    port = free_port()
    log = open(ROOT / "_build" / "voila-demo.log", "w") if (ROOT / "_build").is_dir() else subprocess.DEVNULL
    proc = start_demo(demo, port, log)
    yield f"http://127.0.0.1:{port}/"
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def outside() -> list[str]:
    """The URLs off 127.0.0.1 the page asked for (each blocked)."""
    return []


@pytest.fixture(scope="module")
def page(voila, outside):
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        context = browser.new_context(viewport={"width": 1100, "height": 1000})
        page_errors = []
        block_other_hosts(context, outside)
        page = context.new_page()
        page.on("pageerror", lambda err: page_errors.append(str(err)))
        page.goto(voila, timeout=APP_READY_S * 1000)
        page.wait_for_selector("canvas.sbsr-canvas", state="visible", timeout=APP_READY_S * 1000)
        yield page
        page.screenshot(path=str(SHOTS / "demo_last.png"))
        browser.close()
        assert not page_errors, f"JavaScript errors on the page: {page_errors[:3]}"
        assert outside == [], f"requests left 127.0.0.1: {outside[:5]}"


def test_the_app_asks_no_other_host(page, outside):
    assert outside == [], f"the app asked other hosts for: {outside[:5]}"
    icon = page.locator(".sbsr-search i").first  # Font Awesome drawn from Voila's own bundle
    assert "Font Awesome" in icon.evaluate("i => getComputedStyle(i, '::before').fontFamily")


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
    assert page.evaluate(DARK_PIXELS) > 500  # the strokes show on the canvas, not only in the kernel
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
    # the browser applies the two widget updates one after the other: wait for both
    page.wait_for_function("document.querySelector('.sbsr-message').innerText.includes('canvas is empty')"
                           " && document.querySelectorAll('.sbsr-result').length === 0",
                           timeout=SEARCH_S * 1000)


def test_picked_test_sketch_finds_its_class_first(page, demo):
    page.locator(".widget-dropdown select").select_option(label=demo.label)
    page.locator(".sbsr-search").click()
    page.wait_for_function(
        f"document.querySelector('.sbsr-message').innerText.includes('query class: {demo.cls}')",
        timeout=SEARCH_S * 1000)
    first = page.locator(".sbsr-result").first.locator("button").inner_text()
    assert first.strip() == f"1. {demo.cls}"
    page.screenshot(path=str(SHOTS / "demo_pick.png"), full_page=True)


def test_result_opens_in_3d_and_variant_switches(page):
    page.locator(".sbsr-result").first.locator("button").click()
    page.wait_for_selector(".sbsr-viewer .js-plotly-plot", timeout=30_000)
    page.locator(".widget-toggle-buttons button", has_text="no adaptation").click()
    page.wait_for_function("document.querySelector('.sbsr-message').innerText.includes('no adaptation')",
                           timeout=SEARCH_S * 1000)
    page.screenshot(path=str(SHOTS / "demo_3d.png"), full_page=True)


def test_back_to_drawing_clears_the_picked_sketch(page, demo):
    picker = page.locator(".widget-dropdown select")
    picker.select_option(label=demo.label)
    page.wait_for_function(f"({DARK_PIXELS})() > 100", timeout=SEARCH_S * 1000)  # the sketch is on the canvas
    picker.select_option(label="(draw on the canvas)")
    page.wait_for_function(f"({DARK_PIXELS})() == 0", timeout=SEARCH_S * 1000)
    page.locator(".sbsr-search").click()  # and the network sees the same empty canvas
    page.wait_for_function("document.querySelector('.sbsr-message').innerText.includes('canvas is empty')",
                           timeout=SEARCH_S * 1000)


def test_sigterm_stops_the_server_and_its_kernel(demo):
    import psutil

    port = free_port()
    proc = start_demo(demo, port)
    tree = [psutil.Process(proc.pid)]
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=APP_READY_S) as response:
            response.read()  # the page, once a kernel has run the app notebook
        tree += tree[0].children(recursive=True)
        assert any("ipykernel" in " ".join(p.cmdline()) for p in tree[1:]), "no kernel runs the app"
        proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_S
        while not port_is_free(port) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert port_is_free(port), f"port {port} still taken {STOP_S} s after SIGTERM"
        _, alive = psutil.wait_procs(tree, timeout=STOP_S)
        assert alive == [], f"still running after SIGTERM: {[p.cmdline()[:4] for p in alive]}"
    finally:
        for p in tree:
            with contextlib.suppress(psutil.NoSuchProcess):
                p.kill()
