"""Figures the chapters share: image grids, meshes in 3D, curves with hover.

Interactive figures are plotly (see :mod:`sbsr.plotting` for how they reach the
offline book); grids of many small images are one PNG, which is lighter.
"""

from __future__ import annotations

import io

import numpy as np
import plotly.graph_objects as go
import trimesh
from PIL import Image, ImageDraw, ImageFont


def image_grid(rows: list[list[np.ndarray]], cell: int = 96, labels: list[str] | None = None,
               label_width: int = 110, gap: int = 4, font_size: int = 14) -> Image.Image:
    """Grey uint8 images in rows, each resized to ``cell`` pixels, with an optional label per
    row in ``font_size`` pixels (the page scales the sheet down to its column: a wide sheet
    wants a larger font)."""
    width = (label_width if labels else 0) + max(len(r) for r in rows) * (cell + gap)
    sheet = Image.new("L", (width, len(rows) * (cell + gap)), 255)
    pen = ImageDraw.Draw(sheet)
    font = ImageFont.load_default(size=font_size)
    for r, row in enumerate(rows):
        y = r * (cell + gap)
        x = label_width if labels else 0
        if labels:
            pen.text((4, y + (cell - font_size) // 2), labels[r], fill=0, font=font)
        for image in row:
            sheet.paste(Image.fromarray(np.asarray(image, dtype=np.uint8)).resize((cell, cell)), (x, y))
            x += cell + gap
    return sheet


def png_bytes(image: Image.Image | np.ndarray) -> bytes:
    """PNG bytes of a PIL image or a uint8 grey array."""
    if not isinstance(image, Image.Image):
        image = Image.fromarray(np.asarray(image, dtype=np.uint8))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def mesh_trace(mesh: trimesh.Trimesh, color: str = "#8fa8c8", name: str = "") -> go.Mesh3d:
    """A flat-shaded plotly Mesh3d of ``mesh``."""
    x, y, z = mesh.vertices.T
    i, j, k = mesh.faces.T
    return go.Mesh3d(x=x, y=y, z=z, i=i, j=j, k=k, color=color, flatshading=True, name=name,
                     lighting={"ambient": 0.45, "diffuse": 0.8}, hoverinfo="name")


def meshes_figure(meshes: list[trimesh.Trimesh], titles: list[str], height: int = 360,
                  title: str = "") -> go.Figure:
    """Meshes side by side, each in its own rotatable 3D scene under its name; ``title``
    goes above the names, with room of its own (set it here, not with ``update_layout``)."""
    from plotly.subplots import make_subplots

    fig = make_subplots(rows=1, cols=len(meshes), specs=[[{"type": "scene"}] * len(meshes)],
                        subplot_titles=titles)
    for col, (mesh, name) in enumerate(zip(meshes, titles), start=1):
        fig.add_trace(mesh_trace(mesh, name=name), row=1, col=col)
    hidden = {"visible": False}
    fig.update_scenes(aspectmode="data", xaxis=hidden, yaxis=hidden, zaxis=hidden)
    top = 90 if title else 40
    fig.update_layout(height=height + top - 40, margin={"l": 0, "r": 0, "t": top, "b": 0}, showlegend=False,
                      title={"text": title, "y": 1.0, "yanchor": "top", "yref": "container", "pad": {"t": 12}})
    return fig
