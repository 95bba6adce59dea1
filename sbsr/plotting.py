"""Plotly figures that show both in Jupyter and in the offline HTML book.

:func:`use_book_renderer` registers a renderer that emits two outputs per
figure: Plotly's own MIME bundle (JupyterLab, VS Code, Voila draw it) and an
HTML ``<div>`` that calls ``Plotly.newPlot`` *without* embedding plotly.js or
MathJax. The book loads one local copy of plotly.js per page (see
``book/_ext/offline_assets.py``), so pages stay small and need no network.
"""

from __future__ import annotations

import plotly.io as pio
from plotly.io.base_renderers import MimetypeRenderer

#: Name under which :func:`use_book_renderer` registers the renderer with plotly.
RENDERER = "sbsr"
#: ``layout.legend`` for a legend in one row above the plot, right-aligned: beside the
#: plot, a legend takes a fifth of the book's text column. (Figures too wide for the
#: column go full width instead: the cell tag ``full-width``.)
LEGEND_ABOVE = {"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "right", "x": 1}


class BookRenderer(MimetypeRenderer):
    """Plotly MIME bundle plus an HTML div that relies on a page-level plotly.js."""

    def to_mimebundle(self, fig_dict: dict) -> dict:
        html = pio.to_html(
            fig_dict,
            include_plotlyjs=False,
            include_mathjax=False,
            full_html=False,
            default_height="480px",
            validate=False,
        )
        return {"application/vnd.plotly.v1+json": {"data": fig_dict.get("data", []),
                                                   "layout": fig_dict.get("layout", {}),
                                                   "config": {"displaylogo": False}},
                "text/html": html}


def use_book_renderer() -> None:
    """Make :data:`RENDERER` plotly's default renderer (idempotent)."""
    pio.renderers[RENDERER] = BookRenderer()
    pio.renderers.default = RENDERER
