"""What the in-browser demo page (``book/draw.md``) loads, served from the book's own ``_static/draw``.

- ``draw.js`` and ``draw.css`` are in ``book/_static/draw`` (Sphinx copies them).
- onnxruntime-web: the plain WebAssembly build (gzip-compressed) and its loader, fetched
  by ``make`` from the npm registry into ``book/_vendor/onnxruntime-web`` (pinned and
  checksummed), copied to ``_static/draw/ort``.
- The exported demo model and gallery: written by chapter 07
  (:func:`sbsr.demo.export.export_web_demo`) into ``runs/07_demo/web``, copied to
  ``_static/draw/model``; the ONNX file and the shape embeddings (float32 arrays)
  gzip-compressed, as ``NAME.gz``, and so named in the copy's ``demo.json``.

The page unpacks every ``.gz`` file with the browser's ``DecompressionStream``: a static
host serves them as they are, and the added files stay under the 15 MB the page may
add (the runtime is 9.8 MB unpacked, 2.6 MB packed). Only the demo page gets the
scripts and the style sheet.
"""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
PAGE = "book/draw"
ORT = ROOT / "book" / "_vendor" / "onnxruntime-web" / "dist"
ORT_FILES = ("ort.wasm-core.min.js", "ort-wasm.wasm.gz")
EXPORT = ROOT / "runs" / "07_demo" / "web"
MANIFEST = "demo.json"


def missing() -> list[str]:
    needed = [ORT / name for name in ORT_FILES] + [EXPORT / MANIFEST]
    return [str(p.relative_to(ROOT)) for p in needed if not p.is_file()]


def pack(export: Path, target: Path) -> None:
    """Copy ``export`` into ``target``, its float32 files gzip-compressed (module docstring)."""
    manifest = json.loads((export / MANIFEST).read_text())
    packed = {manifest["model"], *(v["shapes"] for v in manifest["variants"])}
    manifest["model"] += ".gz"
    for v in manifest["variants"]:
        v["shapes"] += ".gz"
    target.mkdir(parents=True)
    # written anew, not copied with their modes: the export's files are private to their owner
    # (written through a temporary file); the book's copies get the usual permissions
    for path in sorted(export.iterdir()):
        if path.name.startswith(".") or path.name == MANIFEST or not path.is_file():
            continue
        if path.name in packed:  # mtime=0: the same bytes every build
            (target / (path.name + ".gz")).write_bytes(gzip.compress(path.read_bytes(), 9, mtime=0))
        else:
            shutil.copyfile(path, target / path.name)
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")


def copy_assets(app, exc) -> None:
    if exc is not None:
        return
    target = Path(app.outdir) / "_static" / "draw"
    (target / "ort").mkdir(parents=True, exist_ok=True)
    for name in ORT_FILES:
        shutil.copyfile(ORT / name, target / "ort" / name)
    shutil.rmtree(target / "model", ignore_errors=True)
    pack(EXPORT, target / "model")


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
