"""Sketches in the style people draw: an iconic line drawing of an object from its canonical view.

What real sketches are like (TU-Berlin, from which SHREC is drawn; see the data
chapter): tens of strokes, closed outlines of the main parts, a canonical view,
characteristic parts kept or drawn too big, small parts left out, little noise,
and a style that varies from one person to the next. Each step below models one
of these; :func:`sbsr.data.sketch.sketch_strokes` and :func:`sbsr.data.sketch.draw`
do the projection and the ink.

1. :func:`random_drawer`: a person, with their own habits (:class:`Drawer`).
2. :func:`canonical_view`: the view people draw the object from: the side of a
   long object (a car, a dog), the face of a flat one (a guitar, a door), the
   front or three-quarter view of the rest (a chair, a house), the top of the
   few drawn from above (a snake).
3. :func:`abstract`: the object as the person remembers it: its parts are the
   connected pieces of the mesh; small ones may be left out, and kept small
   ones drawn bigger than they are (wheels, handles, ears).
4. :func:`iconic_strokes`: the outlines of the visible parts (silhouette and sharp
   creases), simplified to a few straight-ish segments, short marks dropped,
   at most ``max_strokes`` of the longest.
5. :func:`sbsr.data.sketch.distort` with a light hand (wobble, overshoot, a small
   rotation and shear), then ink.

:class:`HumanStyle` holds the ranges everything is drawn from: the benchmark's
difficulty knobs for this style.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import trimesh
from PIL import Image

from sbsr.data.sketch import SketchParams, View, distort, draw, edge_set, sketch_strokes


@dataclass(frozen=True)
class HumanStyle:
    """The ranges a drawer's habits and a sketch's view are drawn from (uniform in each range).

    The defaults are SynthSBR's calibration (trial P3 of :mod:`sbsr.data.calibration`, the
    book's appendix): a linear probe on the sketch backbone's features recognises about
    three in four validation sketches, near what CNNs reach on real sketches.
    """

    omit: tuple[float, float] = (0.2, 0.6)  # chance to leave out each small part
    exaggerate: tuple[float, float] = (0.0, 0.8)  # small parts drawn up to this much bigger
    small_part: float = 0.15  # a part is small when its size is under this share of the object's
    crease_angle: tuple[float, float] = (50.0, 80.0)  # degrees: sharper folds are drawn as lines
    simplify: tuple[float, float] = (0.015, 0.05)  # Douglas-Peucker tolerance, share of the drawing's size
    min_stroke: float = 0.04  # strokes shorter than this share of the drawing's size are dropped
    max_strokes: tuple[int, int] = (8, 25)  # the longest strokes kept
    wobble: tuple[float, float] = (0.01, 0.03)
    overshoot: tuple[float, float] = (0.02, 0.06)
    affine: float = 0.15  # std of the global shear and anisotropic scale
    rotation: float = 8.0  # std of the global rotation, degrees
    view_jitter: float = 15.0  # std of the azimuth around the canonical one, degrees
    free_view: float = 0.15  # chance of any azimuth instead of the canonical view
    width: tuple[float, float] = (1.2, 2.8)  # pen width range in pixels at 256 px


@dataclass(frozen=True)
class Drawer:
    """One person's habits."""

    omit: float
    exaggerate: float
    crease_angle: float
    simplify: float
    max_strokes: int
    hand: SketchParams  # their hand's noise and pen, for :func:`sbsr.data.sketch.distort` and ``draw``


def random_drawer(rng: np.random.Generator, style: HumanStyle = HumanStyle()) -> Drawer:
    """A person drawn at random from the ranges of ``style``."""
    u = lambda bounds: float(rng.uniform(*bounds))  # noqa: E731
    omit, exaggerate, crease, simplify = u(style.omit), u(style.exaggerate), u(style.crease_angle), u(style.simplify)
    max_strokes = int(rng.integers(style.max_strokes[0], style.max_strokes[1] + 1))
    low = u((style.width[0], (style.width[0] + style.width[1]) / 2))
    hand = SketchParams(abstraction=0.0, drop_prob=0.0, duplicate_prob=0.0, wobble=u(style.wobble),
                        overshoot=u(style.overshoot), affine=style.affine, rotation=style.rotation,
                        elastic=0.0, width=(low, u((low, style.width[1]))))
    return Drawer(omit, exaggerate, crease, simplify, max_strokes, hand)


def canonical_view(rng: np.random.Generator, extents, from_above: bool = False,
                   jitter: float = 6.0, free: float = 0.0) -> View:
    """The view a person draws an object of these ``extents`` (x, y, z) from.

    With probability ``free``, any azimuth (a person who does not draw the usual view).
    Otherwise from above (``from_above``, most of the time); a flat object face on (its
    thinnest side under a third of the next); a long object (along x, 1.6 times
    its depth) from the side, now and then a little turned; anything else from
    the front or three-quarters, slightly from above, rarely from the side.
    """
    x, y, z = (float(e) for e in extents)
    roll = float(rng.normal(0, 2))
    if free and rng.random() < free:
        return View(float(rng.uniform(-180, 180)), float(np.clip(rng.normal(15, 10), 0, 45)), roll)
    if from_above and rng.random() < 0.7:
        return View(float(rng.normal(0, jitter)), float(rng.uniform(55, 85)), roll)
    thin = int(np.argmin((x, y, z)))
    if min(x, y, z) < sorted((x, y, z))[1] / 3 and thin < 2:  # flat and standing: face on
        azimuth = (0.0 if thin == 1 else 90.0) + rng.choice([0.0, 180.0], p=[0.8, 0.2])
        elevation = abs(rng.normal(0, 5))
    elif x >= 1.6 * y:  # long: from the side
        azimuth = rng.choice([0.0, 180.0, 25.0, -25.0], p=[0.45, 0.25, 0.15, 0.15])
        elevation = abs(rng.normal(5, 6))
    else:
        azimuth = rng.choice([0.0, 35.0, -35.0, 90.0, -90.0], p=[0.45, 0.25, 0.25, 0.025, 0.025])
        elevation = float(np.clip(rng.normal(15, 7), 0, 35))
    return View(float(azimuth + rng.normal(0, jitter)), float(elevation), roll)


def part_labels(mesh: trimesh.Trimesh) -> np.ndarray:
    """A part id per face: the connected pieces the shape was assembled from."""
    return trimesh.graph.connected_component_labels(mesh.face_adjacency, node_count=len(mesh.faces))


def abstract(mesh: trimesh.Trimesh, rng: np.random.Generator, drawer: Drawer,
             style: HumanStyle = HumanStyle()) -> trimesh.Trimesh:
    """The object as remembered: small parts (the diagonal of their bounding box under
    ``style.small_part`` of the object's) left out, each with ``drawer.omit``, and the
    small parts that are kept scaled about their centre by up to ``1 + drawer.exaggerate``.

    Size, not surface, makes a part small: a bicycle's thin wheels and a chair's legs are
    large and always drawn, a knob, a chimney or an ear may be left out.
    """
    labels = part_labels(mesh)
    ids = [np.unique(mesh.faces[labels == part]) for part in range(labels.max() + 1)]
    size = np.array([np.linalg.norm(np.ptp(mesh.vertices[v], axis=0)) for v in ids])
    small = size < style.small_part * np.linalg.norm(np.ptp(mesh.vertices[np.unique(mesh.faces)], axis=0))
    drawn = ~small | (rng.random(len(size)) >= drawer.omit)
    vertices = mesh.vertices.copy()
    for part in np.flatnonzero(drawn & small):
        centre = vertices[ids[part]].mean(axis=0)
        vertices[ids[part]] = centre + (vertices[ids[part]] - centre) * (1 + rng.uniform(0, drawer.exaggerate))
    return trimesh.Trimesh(vertices, mesh.faces[drawn[labels]], process=False)


def simplify(line: np.ndarray, tolerance: float) -> np.ndarray:
    """Douglas-Peucker: the fewest points of ``line`` that stay within ``tolerance`` of it."""
    if len(line) < 3:
        return line
    start, chord = line[0], line[-1] - line[0]
    length = float(np.hypot(*chord))
    offset = line - start
    if length < 1e-12:
        distance = np.hypot(offset[:, 0], offset[:, 1])
    else:
        distance = np.abs(chord[0] * offset[:, 1] - chord[1] * offset[:, 0]) / length
    i = int(np.argmax(distance))
    if distance[i] <= tolerance:
        return line[[0, -1]]
    return np.vstack([simplify(line[: i + 1], tolerance)[:-1], simplify(line[i:], tolerance)])


def _length(line: np.ndarray) -> float:
    return float(np.hypot(*np.diff(line, axis=0).T).sum())


def iconic_strokes(mesh: trimesh.Trimesh, view: View, drawer: Drawer,
                   style: HumanStyle = HumanStyle()) -> list[np.ndarray]:
    """Visible outlines and sharp creases, simplified, short marks dropped, the longest kept."""
    lines = sketch_strokes(edge_set(mesh, drawer.crease_angle), view)
    if not lines:
        return []
    size = float(np.ptp(np.vstack(lines), axis=0).max()) or 1.0
    lines = [simplify(line, drawer.simplify * size) for line in lines]
    lines = [line for line in lines if _length(line) > style.min_stroke * size] or lines
    lines.sort(key=_length, reverse=True)  # stable: equal lengths keep their order
    return lines[: drawer.max_strokes]


def human_sketch(mesh: trimesh.Trimesh, rng: np.random.Generator, style: HumanStyle = HumanStyle(),
                 from_above: bool = False, size: int = 256) -> Image.Image:
    """The whole pipeline for one sketch of ``mesh`` (canonical pose, +Z up) by a random person."""
    drawer = random_drawer(rng, style)
    view = canonical_view(rng, mesh.extents, from_above, style.view_jitter, style.free_view)
    strokes = iconic_strokes(abstract(mesh, rng, drawer, style), view, drawer, style)
    return draw(distort(strokes, rng, drawer.hand), size, rng, drawer.hand)
