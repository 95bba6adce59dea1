"""Serve every script the book needs from its own ``_static``: no CDN at view time.

- plotly.js: copied from the installed ``plotly`` package and loaded on every
  page before anything else, so the figure divs made by
  :func:`sbsr.plotting.use_book_renderer` can draw.
- MathJax: the ``sphinx-mathjax-offline`` extension (listed in ``_config.yml``)
  ships MathJax 3 and points Sphinx at it.
- Jupyter widgets (pages whose notebook saved widget state): require.js and the
  HTML widget manager, fetched by ``make`` from the npm registry into
  ``book/_vendor`` (pinned and checksummed), plus the browser side of the
  custom widgets we use (ipycanvas), copied from their Python packages.
  ``require.config`` maps each custom widget module to its local copy, so the
  manager never falls back to its CDN.
- Thebe (live code from a remote kernel, loaded from a CDN when clicked): Jupyter
  Book 1 always adds it, twice on Sphinx 7, which is a console error on every
  page. The book has no launch buttons, so its scripts are dropped.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import plotly

BOOK = Path(__file__).resolve().parent.parent
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
VENDOR = BOOK / "_vendor"
WIDGET_FILES = {
    "require.js": VENDOR / "requirejs" / "require.js",
    "html-manager": VENDOR / "html-manager" / "dist",
}
# Custom widget modules: AMD builds shipped by their Python packages.
CUSTOM_WIDGETS = {
    "ipycanvas": Path(sys.prefix) / "share" / "jupyter" / "nbextensions" / "ipycanvas",
}
# Module id -> path under _static/widgets. The manager defines its modules
# ("@jupyter-widgets/controls", "@jupyter-widgets/html-manager/dist/...") inside
# embed-amd.js and loads its fonts relative to their ids; mapping the ids makes
# the fonts load from _static/widgets rather than from a path beside the page.
REQUIRE_PATHS = {
    "@jupyter-widgets": "",
    "@jupyter-widgets/html-manager/dist": "",
    **{name: f"{name}/index" for name in CUSTOM_WIDGETS},
}
REQUIRE_CONFIG = "require.config({paths: {%s}});" % ", ".join(
    f'"{module}": document.documentElement.dataset.content_root + "_static/widgets/{path}"'
    for module, path in REQUIRE_PATHS.items()
)
# The manager typesets widget labels with MathJax 2's ``MathJax.Hub.Queue``; the
# book loads MathJax 3, which has no Hub. Whatever object ends up as
# window.MathJax gets a Hub whose Queue asks MathJax 3 to typeset the element.
MATHJAX2_SHIM = """(function () {
  var mathjax = window.MathJax;
  function withHub(value) {
    if (value && typeof value === "object" && !value.Hub) {
      Object.defineProperty(value, "Hub", {enumerable: false, value: {Queue: function (job) {
        if (window.MathJax.typesetPromise) { window.MathJax.typesetPromise([job[2]]); }
      }}});
    }
    return value;
  }
  Object.defineProperty(window, "MathJax", {configurable: true,
    get: function () { return mathjax; }, set: function (value) { mathjax = withHub(value); }});
  withHub(mathjax);
})();"""


def copy_assets(app, exc) -> None:
    if exc is not None:
        return
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PLOTLY_JS, static / "plotly.min.js")
    widgets = static / "widgets"
    shutil.copytree(WIDGET_FILES["html-manager"], widgets, dirs_exist_ok=True)
    shutil.copyfile(WIDGET_FILES["require.js"], widgets / "require.js")
    (widgets / "require-config.js").write_text(REQUIRE_CONFIG + "\n" + MATHJAX2_SHIM + "\n")
    for name, folder in CUSTOM_WIDGETS.items():
        shutil.copytree(folder, widgets / name, dirs_exist_ok=True)


def drop_thebe(app, pagename, templatename, context, doctree) -> None:
    def is_thebe(script) -> bool:
        name = getattr(script, "filename", None) or ""
        body = getattr(script, "attributes", {}).get("body", "")
        return "thebe" in name or "THEBE_JS_URL" in body

    context["script_files"] = [s for s in context.get("script_files", []) if not is_thebe(s)]


def setup(app):
    needed = [PLOTLY_JS, *WIDGET_FILES.values(), *CUSTOM_WIDGETS.values()]
    missing = [str(p) for p in needed if not p.exists()]
    if missing:
        raise FileNotFoundError(
            f"book assets missing (run the book through `make book`): {', '.join(missing)}")
    # Before require.js, so plotly registers as a global, not an anonymous AMD module.
    app.add_js_file("plotly.min.js", priority=100)
    app.config.nb_ipywidgets_js = {
        "widgets/require.js": {},
        "widgets/require-config.js": {},
        "widgets/embed-amd.js": {},
    }
    app.connect("build-finished", copy_assets)
    app.connect("html-page-context", drop_thebe)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
