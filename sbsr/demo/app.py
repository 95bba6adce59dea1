"""The retrieval demo: draw or pick a sketch, see the nearest 3D shapes, switch the model variant.

:class:`RetrievalApp` is plain ipywidgets around a :class:`~sbsr.demo.model.DemoModel`:

* a drawing canvas (ipycanvas) with Clear and Undo; the strokes go through
  :func:`sbsr.strokes.rasterize`, and the image the network sees is shown
  beside the canvas;
* a Dropdown of the benchmark's test sketches (picking one replaces the drawing,
  going back to "(draw on the canvas)" clears it);
* ToggleButtons for the variant (no adaptation vs the full model);
* Search: the top ``k`` shapes as thumbnails with class names and distances;
  clicking one shows its mesh in an interactive plotly 3D view.

Every method a button or the mouse calls is public, so tests drive the app
without a browser. Problems (an empty canvas) go to the message line.
"""

from __future__ import annotations

import html
import json
import time

import ipywidgets as w
import numpy as np
from ipycanvas import Canvas
from PIL import Image

from sbsr.demo.model import VARIANT_LABELS, DemoModel
from sbsr.retrieval import RetrievalIndex, Ranking
from sbsr.strokes import rasterize
from sbsr.viz import png_bytes

DRAW = -1  # the picker's value while the user draws


def mesh_figure(path, title: str = ""):
    """A plotly figure with the normalised mesh at ``path``, shaded (:func:`sbsr.viz.mesh_trace`)."""
    import plotly.graph_objects as go

    from sbsr.data.mesh import load_normalized
    from sbsr.viz import mesh_trace

    fig = go.Figure(mesh_trace(load_normalized(path), name=title))
    fig.update_layout(title=title, height=380, margin={"l": 0, "r": 0, "t": 40, "b": 0},
                      scene={"aspectmode": "data", "xaxis_visible": False, "yaxis_visible": False,
                             "zaxis_visible": False})
    return fig


class RetrievalApp:
    """The demo's widgets and their logic; ``app.widget`` is what a notebook displays."""

    def __init__(self, model: DemoModel, k: int = 10, canvas_size: int = 320, thumb_size: int = 96):
        self.model, self.k, self.canvas_size, self.thumb_size = model, k, canvas_size, thumb_size
        gallery = model.gallery
        self.indexes = {
            name: RetrievalIndex(v.shape_emb, gallery.model_ids, gallery.labels, class_names=gallery.classes)
            for name, v in model.variants.items()
        }
        self.strokes: list[list[tuple[float, float]]] = []
        self.drawing = False
        self.last: Ranking | None = None

        side = f"{canvas_size}px"  # CSS size = pixel size, so the ink stays under the mouse
        self.canvas = Canvas(width=canvas_size, height=canvas_size,
                             layout=w.Layout(width=side, height=side, border="1px solid #999"))
        self.canvas.add_class("sbsr-canvas")
        self.pen_ready = False  # see pen_down
        self.canvas.on_mouse_down(self.pen_down)
        self.canvas.on_mouse_move(self.pen_move)
        self.canvas.on_mouse_up(self.pen_up)
        self.canvas.on_mouse_out(self.pen_up)

        self.clear_button = self._button("Clear", self.clear, "eraser")
        self.undo_button = self._button("Undo", self.undo, "undo")
        self.search_button = self._button("Search", self.search, "search", style="primary")
        q = model.queries
        options = [("(draw on the canvas)", DRAW)] + [
            (f"{gallery.classes[label]} / sketch {id_}", i) for i, (id_, label) in enumerate(zip(q.ids, q.labels))
        ]
        self.picker = w.Dropdown(options=options, value=DRAW, description="Test sketch:",
                                 style={"description_width": "initial"})
        self.picker.observe(self._on_pick, names="value")
        self.variant = w.ToggleButtons(options=[(VARIANT_LABELS.get(n, n), n) for n in model.variants],
                                       value="full" if "full" in model.variants else next(iter(model.variants)),
                                       description="Model:")
        self.variant.observe(self._on_variant, names="value")
        self.blank_png = png_bytes(np.full((model.image_size,) * 2, 255, np.uint8))  # no sketch yet
        self.input_view = w.Image(value=self.blank_png, format="png", width=128, height=128,
                                  layout=w.Layout(border="1px solid #ccc"))
        self.input_view.add_class("sbsr-input")
        self.message = w.HTML("Draw a sketch with the mouse, or pick a test sketch, then press Search.")
        self.message.add_class("sbsr-message")
        self.results = w.GridBox(layout=w.Layout(grid_template_columns=f"repeat(5, {thumb_size + 24}px)"))
        self.results.add_class("sbsr-results")
        self.viewer = w.Output()
        self.viewer.add_class("sbsr-viewer")

        left = w.VBox([self.canvas, w.HBox([self.clear_button, self.undo_button, self.search_button])])
        right = w.VBox([w.Label("What the network sees:"), self.input_view])
        self.widget = w.VBox([self.picker, self.variant, w.HBox([left, right]), self.message,
                              self.results, self.viewer])
        self.widget.add_class("sbsr-demo")

    @staticmethod
    def _button(label: str, handler, icon: str, style: str = "") -> w.Button:
        button = w.Button(description=label, icon=icon, button_style=style)
        button.add_class(f"sbsr-{label.lower()}")
        button.on_click(lambda _: handler())
        return button

    # ------------------------------------------------------------ drawing

    def pen_down(self, x: float, y: float) -> None:
        self.picker.value = DRAW  # drawing replaces a picked sketch (and clears it off the canvas)
        if not self.pen_ready:
            # Drawing commands sent while Voila executes the notebook never reach the
            # page (and would leave ipycanvas pointing at no canvas), so the pen is
            # set up on the first stroke, when the page is listening.
            self.canvas.line_width, self.canvas.line_cap, self.canvas.line_join = 3, "round", "round"
            self.pen_ready = True
        self.drawing = True
        self.strokes.append([(x, y)])
        self.canvas.fill_circle(x, y, 1.5)

    def pen_move(self, x: float, y: float) -> None:
        if not self.drawing:
            return
        x0, y0 = self.strokes[-1][-1]
        self.strokes[-1].append((x, y))
        self.canvas.stroke_line(x0, y0, x, y)

    def pen_up(self, x: float, y: float) -> None:
        if self.drawing:
            self.drawing = False
            self._show_input()

    def clear(self) -> None:
        self.strokes.clear()
        self.picker.value = DRAW
        self._redraw()

    def undo(self) -> None:
        if self.strokes:  # nothing to undo on a picked sketch
            self.strokes.pop()
            self._redraw()

    def _redraw(self) -> None:
        self.canvas.clear()
        for stroke in self.strokes:
            xy = np.asarray(stroke)
            if len(xy) > 1:
                self.canvas.stroke_lines(xy)
            else:
                self.canvas.fill_circle(*xy[0], 1.5)
        self._show_input()

    def _on_pick(self, change) -> None:
        """Show the picked test sketch on the canvas; back to drawing starts from a blank one."""
        self.strokes.clear()
        self.canvas.clear()
        if change["new"] != DRAW:
            image = self.model.queries.images[change["new"]]
            big = Image.fromarray(image).resize((self.canvas_size,) * 2, Image.Resampling.BILINEAR).convert("RGB")
            self.canvas.put_image_data(np.asarray(big), 0, 0)
        self._show_input()

    # ------------------------------------------------------------ the query

    def query_image(self) -> np.ndarray:
        """The sketch the network gets: the picked test sketch, or the rasterized drawing.

        Raises ValueError when nothing is drawn or picked.
        """
        if self.picker.value != DRAW:
            return self.model.queries.images[self.picker.value]
        strokes = [np.asarray(s, dtype=float) for s in self.strokes]
        return rasterize(strokes, (self.canvas_size, self.canvas_size), self.model.image_size)

    def _show_input(self) -> None:
        try:
            self.input_view.value = png_bytes(self.query_image())
        except ValueError:
            self.input_view.value = self.blank_png

    def search(self) -> Ranking | None:
        """Embed the query with the chosen variant and show the top ``k`` shapes."""
        try:
            image = self.query_image()
        except ValueError:
            self.results.children = ()  # before the message, which a reader (and a test) waits for
            self.last = None
            self.message.value = "<b>Nothing to search for:</b> the canvas is empty. Draw a sketch or pick one."
            return None
        name = self.variant.value
        start = time.perf_counter()
        emb = self.model.variants[name].embed_sketch(image[None])
        ranking = self.indexes[name].search(emb[0], self.k)
        ms = (time.perf_counter() - start) * 1e3
        self.last = ranking
        self.results.children = [self._result(ranking, j) for j in range(len(ranking))]
        query = ""
        if self.picker.value != DRAW:
            query = f" (query class: <b>{self.model.gallery.classes[self.model.queries.labels[self.picker.value]]}</b>)"
        self.message.value = (f"Top {len(ranking)} of {len(self.indexes[name])} shapes with the "
                              f"<b>{VARIANT_LABELS.get(name, name)}</b> in {ms:.1f} ms{query}. "
                              "Click a result to see it in 3D.")
        return ranking

    def _result(self, ranking: Ranking, j: int) -> w.VBox:
        index = int(ranking.indices[j])
        thumb = w.Image(value=png_bytes(self.model.gallery.thumbnails[index]), format="png",
                        width=self.thumb_size, height=self.thumb_size)
        button = w.Button(description=f"{j + 1}. {ranking.classes[j]}", tooltip=f"model {ranking.model_ids[j]}",
                          layout=w.Layout(width=f"{self.thumb_size + 16}px"))
        button.on_click(lambda _: self.show_mesh(index))
        box = w.VBox([thumb, button, w.HTML(f"<small>m{ranking.model_ids[j]}, d = {ranking.distances[j]:.3f}</small>")])
        box.add_class("sbsr-result")
        return box

    def _on_variant(self, change) -> None:
        if self.last is not None:
            self.search()

    # ------------------------------------------------------------ 3D view

    def show_mesh(self, index: int) -> None:
        """Show target ``index`` of the gallery as an interactive 3D mesh (plotly's mime bundle)."""
        g = self.model.gallery
        title = f"m{g.model_ids[index]} ({g.classes[g.labels[index]]})"
        try:
            fig = mesh_figure(g.mesh_paths[index], title)
            bundle = {"application/vnd.plotly.v1+json": json.loads(fig.to_json()), "text/plain": title}
        except (OSError, ValueError) as err:
            text = f"Cannot show {title}: {err}"
            bundle = {"text/html": f"<b>{html.escape(text)}</b>", "text/plain": text}
        self.viewer.outputs = ({"output_type": "display_data", "data": bundle, "metadata": {}},)


def build_app(model: DemoModel, **kwargs) -> w.Widget:
    """The app's top widget for ``model`` (what the demo notebook displays)."""
    return RetrievalApp(model, **kwargs).widget
