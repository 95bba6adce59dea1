"""Pictures of the demo for a page where no kernel runs, drawn with PIL (no browser needed).

:func:`app_picture` draws what a :class:`~sbsr.demo.app.RetrievalApp` shows after a
search, from the app's own state: its strokes, the image its network got, its message
and its ranking. :func:`query_grid` lays queries beside the shapes two variants rank
first, with a bar under each shape: green where its class is the query's.
"""

from __future__ import annotations

import html
import re

import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONT_SIZE = 16
RIGHT, WRONG = (46, 139, 61), (200, 200, 200)  # bar colours: the query's class, another class


def _font(size: int = FONT_SIZE) -> ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def _tile(image: np.ndarray, size: int, nearest: bool = False) -> Image.Image:
    resample = Image.Resampling.NEAREST if nearest else Image.Resampling.LANCZOS
    return Image.fromarray(np.asarray(image, dtype=np.uint8)).convert("RGB").resize((size, size), resample)


def strokes_picture(strokes, canvas_size: int, size: int, width: float = 3) -> Image.Image:
    """Strokes as the app's canvas shows them (``width`` canvas pixels), scaled to ``size`` pixels."""
    scale = size / canvas_size
    picture = Image.new("RGB", (size, size), "white")
    pen = ImageDraw.Draw(picture)
    for stroke in strokes:
        xy = [(x * scale, y * scale) for x, y in stroke]
        if len(xy) > 1:
            pen.line(xy, fill="black", width=max(1, round(width * scale)), joint="curve")
        else:
            x, y = xy[0]
            pen.ellipse((x - 2, y - 2, x + 2, y + 2), fill="black")
    return picture


def wrap(text: str, font, width: float) -> list[str]:
    """``text`` broken at spaces into lines no wider than ``width`` pixels in ``font``."""
    lines = [""]
    for word in text.split():
        line = f"{lines[-1]} {word}".strip()
        if lines[-1] and font.getlength(line) > width:
            lines.append(word)
        else:
            lines[-1] = line
    return lines


def app_picture(app, columns: int = 5, thumb: int = 96) -> Image.Image:
    """What ``app`` shows after its last search: canvas, network input, message, results."""
    ranking = app.last
    if ranking is None:
        raise ValueError("the app has no results to show: call app.search() first")
    font = _font()
    gap, side = 12, 240
    cell_h = thumb + 2 * FONT_SIZE + 10
    rows = -(-len(ranking) // columns)
    width = max(columns * (thumb + gap) + gap, side + 128 + 3 * gap)
    text = wrap(html.unescape(re.sub(r"<[^>]+>", "", app.message.value)), font, width - 2 * gap)
    height = gap + side + gap + len(text) * (FONT_SIZE + 4) + gap + rows * cell_h + gap
    picture = Image.new("RGB", (width, height), "white")
    pen = ImageDraw.Draw(picture)
    if app.strokes:
        canvas = strokes_picture(app.strokes, app.canvas_size, side)
    else:  # a picked test sketch, shown on the canvas as the app shows it
        canvas = _tile(app.query_image(), side)
    picture.paste(canvas, (gap, gap))
    pen.rectangle((gap - 1, gap - 1, gap + side, gap + side), outline=(150, 150, 150))
    x = 2 * gap + side
    pen.text((x, gap), "What the network sees:", fill="black", font=font)
    picture.paste(_tile(app.query_image(), 128, nearest=True), (x, gap + FONT_SIZE + 6))
    y = 2 * gap + side
    pen.text((gap, y), "\n".join(text), fill="black", font=font, spacing=4)
    y += len(text) * (FONT_SIZE + 4) + gap
    for j in range(len(ranking)):
        r, c = divmod(j, columns)
        cx, cy = gap + c * (thumb + gap), y + r * cell_h
        picture.paste(_tile(app.model.gallery.thumbnails[ranking.indices[j]], thumb), (cx, cy))
        pen.text((cx, cy + thumb + 2), f"{j + 1}. {ranking.classes[j]}", fill="black", font=font)
        pen.text((cx, cy + thumb + FONT_SIZE + 4), f"d = {ranking.distances[j]:.3f}", fill=(90, 90, 90),
                 font=font)
    return picture


def query_grid(queries: list[np.ndarray], labels: list[str], groups: dict[str, tuple[list, list]],
               cell: int = 64, font_size: int = 20) -> Image.Image:
    """One row per query: its label, the query, then per group (a variant) its ranked shapes.

    ``groups`` maps a heading to ``(images, right)``: per query, the shapes' images
    and whether each is of the query's class (a green bar under it, else grey). The
    labels are large: a page shows the picture narrower than it is.
    """
    font, gap, bar = _font(font_size), 4, 6
    label_width = round(max(font.getlength(label) for label in labels)) + 3 * gap
    per_group = max(len(images) for images, _ in groups.values() for images in images)
    group_w = per_group * (cell + gap) + 3 * gap
    width = label_width + cell + 3 * gap + len(groups) * group_w
    row_h = cell + bar + 2 * gap
    picture = Image.new("RGB", (width, font_size + 2 * gap + len(queries) * row_h), "white")
    pen = ImageDraw.Draw(picture)
    x0 = label_width + cell + 3 * gap
    pen.text((label_width, 0), "query", fill="black", font=font)
    for g, heading in enumerate(groups):
        pen.text((x0 + g * group_w, 0), heading, fill="black", font=font)
    for q, (query, label) in enumerate(zip(queries, labels)):
        y = font_size + 2 * gap + q * row_h
        pen.text((4, y + cell // 2 - font_size // 2), label, fill="black", font=font)
        picture.paste(_tile(query, cell), (label_width, y))
        for g, (images, right) in enumerate(groups.values()):
            for j, (image, ok) in enumerate(zip(images[q], right[q])):
                x = x0 + g * group_w + j * (cell + gap)
                picture.paste(_tile(image, cell), (x, y))
                pen.rectangle((x, y + cell + 1, x + cell - 1, y + cell + bar), fill=RIGHT if ok else WRONG)
    return picture
