"""What the in-browser demo page (``book/draw.md``) loads, served from the book's own ``_static/draw``.

- ``draw.js`` and ``draw.css`` are in ``book/_static/draw`` (Sphinx copies them).
- onnxruntime-web: the plain WebAssembly build and its loader, fetched by ``make``
  from the npm registry into ``book/_vendor/onnxruntime-web`` (pinned and
  checksummed), copied to ``_static/draw/ort``.
- The exported demo model and gallery: written by chapter 07
  (:func:`sbsr.demo.export.export_web_demo`) into ``runs/07_demo/web``, copied to
  ``_static/draw/model``.

Only the demo page gets the scripts and the style sheet.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
PAGE = "book/draw"
ORT = ROOT / "book" / "_vendor" / "onnxruntime-web" / "dist"
ORT_FILES = ("ort.wasm-core.min.js", "ort-wasm.wasm")
EXPORT = ROOT / "runs" / "07_demo" / "web"


def missing() -> list[str]:
    needed = [ORT / name for name in ORT_FILES] + [EXPORT / "demo.json"]
    return [str(p.relative_to(ROOT)) for p in needed if not p.is_file()]


def copy_assets(app, exc) -> None:
    if exc is not None:
        return
    target = Path(app.outdir) / "_static" / "draw"
    (target / "ort").mkdir(parents=True, exist_ok=True)
    for name in ORT_FILES:
        shutil.copyfile(ORT / name, target / "ort" / name)
    shutil.rmtree(target / "model", ignore_errors=True)
    # copyfile, not copy2: the export's files are private to their owner (written through a
    # temporary file); the book's copies get the usual permissions, readable by a web server
    shutil.copytree(EXPORT, target / "model", ignore=shutil.ignore_patterns(".*"), copy_function=shutil.copyfile)


def add_page_assets(app, pagename, templatename, context, doctree) -> None:
    if pagename == PAGE:
        app.add_css_file("draw/draw.css")
        app.add_js_file("draw/ort/" + ORT_FILES[0])
        app.add_js_file("draw/draw.js", defer="defer")  # after the page, which it fills


def setup(app):
    absent = missing()
    if absent:
        raise FileNotFoundError(
            f"the in-browser demo's files are missing: {', '.join(absent)}; build the book with "
            "`make book` (chapter 07 exports the model; make fetches onnxruntime-web)")
    # before offline_assets' handler, which replaces the page's list of scripts with a copy
    app.connect("html-page-context", add_page_assets, priority=400)
    app.connect("build-finished", copy_assets)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
