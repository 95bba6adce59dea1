"""Serve every script the book needs from its own ``_static``: no CDN at view time.

- plotly.js: copied from the installed ``plotly`` package and loaded on every
  page before anything else, so the figure divs made by
  :func:`sbsr.plotting.use_book_renderer` can draw.
- MathJax: the ``sphinx-mathjax-offline`` extension (listed in ``_config.yml``)
  ships MathJax 3 and points Sphinx at it.
- Thebe (live code from a remote kernel, loaded from a CDN when clicked): Jupyter
  Book 1 always adds it, twice on Sphinx 7, which is a console error on every
  page. The book has no launch buttons, so its scripts are dropped.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import plotly

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


def copy_plotly(app, exc) -> None:
    if exc is None:
        target = Path(app.outdir) / "_static" / "plotly.min.js"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PLOTLY_JS, target)


def drop_thebe(app, pagename, templatename, context, doctree) -> None:
    def is_thebe(script) -> bool:
        name = getattr(script, "filename", None) or ""
        body = getattr(script, "attributes", {}).get("body", "")
        return "thebe" in name or "THEBE_JS_URL" in body

    context["script_files"] = [s for s in context.get("script_files", []) if not is_thebe(s)]


def setup(app):
    if not PLOTLY_JS.is_file():
        raise FileNotFoundError(f"plotly.js not found in the plotly package: {PLOTLY_JS}")
    # Before require.js (priority 200 in myst-nb's widget support), so plotly
    # registers as a global and not as an anonymous AMD module.
    app.add_js_file("plotly.min.js", priority=100)
    app.connect("build-finished", copy_plotly)
    app.connect("html-page-context", drop_thebe)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
