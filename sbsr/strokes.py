"""Mouse strokes on a canvas -> the image the sketch network sees.

A drawing is a list of strokes, each an ``(n, 2)`` array of ``(x, y)`` canvas
pixels in the order the mouse went. :func:`rasterize` turns it into a sketch
like the benchmark's: black strokes on white, the drawing's bounding box
scaled (aspect kept) to fill the image less a margin, and centred. Where the
strokes were drawn on the canvas and how big they were drawn does not matter,
only their shape; the line width is a fraction of the output image, as in the
benchmark sketches, not the width the mouse painted.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from PIL import Image, ImageDraw

#: Stroke width as a fraction of the image side, the mean pen width of
#: :func:`sbsr.data.sketch.draw` (1.2 to 2.6 px at 256 px), so a drawn sketch
#: reaches the network with the same grey levels as a benchmark sketch.
LINE_WIDTH = 1.9 / 256
#: Empty border on each side, as a fraction of the image side (as in :func:`sbsr.data.sketch.draw`).
MARGIN = 0.08
#: Strokes are drawn this many times larger, then area-averaged down (anti-aliasing).
SUPERSAMPLE = 4


def _check(strokes, canvas_size) -> list[np.ndarray]:
    if np.ndim(canvas_size) == 0:
        canvas_size = (canvas_size, canvas_size)
    width, height = (float(s) for s in canvas_size)
    if not (width > 0 and height > 0):
        raise ValueError(f"canvas_size={canvas_size!r}: expected positive (width, height)")
    arrays = []
    for i, stroke in enumerate(strokes):
        points = np.asarray(stroke, dtype=np.float64)
        if points.ndim != 2 or points.shape[1] != 2:
            raise ValueError(f"stroke {i}: expected an (n, 2) array of (x, y) points, got shape {points.shape}")
        if not np.isfinite(points).all():
            raise ValueError(f"stroke {i}: has non-finite coordinates")
        if len(points):
            # the canvas shows nothing beyond its edges, so neither does the sketch
            arrays.append(np.clip(points, 0.0, (width, height)))
    if not arrays:
        raise ValueError("no strokes to rasterize: the drawing is empty")
    return arrays


def rasterize(
    strokes: Sequence[np.ndarray],
    canvas_size: int | tuple[int, int],
    out_size: int = 64,
    line_width: float | None = None,
    margin: float = MARGIN,
) -> np.ndarray:
    """Strokes in canvas pixels -> ``uint8 (out_size, out_size)`` sketch, white background.

    ``canvas_size`` is ``(width, height)`` (or one side); points beyond it are
    clipped to its edge, as the canvas clips them. The strokes' bounding box
    is scaled by one factor (aspect kept) so its longer side spans
    ``out_size * (1 - 2 * margin)``, and centred. ``line_width`` is in output
    pixels (default ``LINE_WIDTH * out_size``). A stroke of one point is a dot.
    Raises ValueError for an empty drawing or malformed strokes.
    """
    if not (isinstance(out_size, (int, np.integer)) and out_size >= 8):
        raise ValueError(f"out_size={out_size!r}: expected an integer >= 8")
    if not 0 <= margin < 0.5:
        raise ValueError(f"margin={margin!r}: expected a fraction in [0, 0.5)")
    line_width = LINE_WIDTH * out_size if line_width is None else float(line_width)
    if not line_width > 0:
        raise ValueError(f"line_width={line_width!r}: expected a positive number of pixels")
    arrays = _check(strokes, canvas_size)

    all_points = np.concatenate(arrays)
    low, high = all_points.min(axis=0), all_points.max(axis=0)
    extent = float((high - low).max())
    side = out_size * SUPERSAMPLE
    span = side * (1 - 2 * margin)
    scale = span / extent if extent > 0 else 0.0
    offset = (side - (high - low) * scale) / 2  # centres the bounding box

    image = Image.new("L", (side, side), 255)
    draw = ImageDraw.Draw(image)
    width = line_width * SUPERSAMPLE
    radius = width / 2
    for points in arrays:
        xy = (points - low) * scale + offset
        if len(xy) > 1:
            draw.line([tuple(p) for p in xy], fill=0, width=max(1, round(width)))
        for x, y in xy:  # round caps and joints
            draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=0)
    return np.asarray(image.resize((out_size, out_size), Image.Resampling.BOX), dtype=np.uint8)
