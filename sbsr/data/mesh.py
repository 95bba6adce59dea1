"""Target shapes: read an ``.off`` mesh, validate it, normalise it to the unit sphere.

Every renderer view assumes the same frame: the mesh centred at the origin
(its surface centroid, or its bounding-box centre) and scaled so that the
farthest vertex lies on the unit sphere. A file that cannot be read, has no
faces, or has non-finite vertices raises :class:`MeshError`; a mesh whose
faces all have zero area raises :class:`DegenerateMeshError` (a
:class:`MeshError`), which the renderer turns into a
:class:`DegenerateMeshWarning` and a skip counted in its report.
"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import numpy as np
import trimesh
from trimesh.exchange.off import load_off

#: A face whose area is below this (in the file's units, relative to the squared
#: bounding-box diagonal) counts as zero-area.
AREA_EPS = 1e-12


class MeshError(ValueError):
    """An ``.off`` file that cannot be used; the message names the file."""


class DegenerateMeshError(MeshError):
    """Every face of the mesh has zero area: there is nothing to render."""


class DegenerateMeshWarning(UserWarning):
    """A degenerate mesh was skipped (rendered as blank views)."""


def load_mesh(path: str | os.PathLike) -> trimesh.Trimesh:
    """Read and validate a triangle mesh from an ``.off`` file (polygons are triangulated).

    Raises :class:`MeshError` for a missing, unreadable or empty file, a mesh
    without faces, non-finite vertices or face indices out of range, and
    :class:`DegenerateMeshError` when every face has zero area.
    """
    path = Path(path)
    if not path.is_file():
        raise MeshError(f"{path}: no such mesh file")
    if path.stat().st_size == 0:
        raise MeshError(f"{path}: empty .off file")
    data = path.read_bytes()
    try:
        arrays = load_off(io.BytesIO(data))  # polygons come back triangulated
        mesh = trimesh.Trimesh(**arrays, process=False)
    except Exception as err:  # trimesh raises many kinds on malformed text
        raise MeshError(f"{path}: unreadable .off file ({type(err).__name__}: {err})") from None
    if len(mesh.faces) == 0:
        raise MeshError(f"{path}: .off file has no faces")
    header = re.match(rb"\s*C?OFF\s+\d+\s+(\d+)", data)
    if header and len(mesh.faces) < int(header[1]):  # each polygon gives at least one triangle
        raise MeshError(f"{path}: truncated .off file: {int(header[1])} faces declared, {len(mesh.faces)} read")
    vertices, faces = np.asarray(mesh.vertices), np.asarray(mesh.faces)
    bad = ~np.isfinite(vertices).all(axis=1)
    if bad.any():
        raise MeshError(
            f"{path}: {int(bad.sum())} vertices with NaN or infinite coordinates "
            f"(first: vertex {int(np.flatnonzero(bad)[0])})"
        )
    if faces.min() < 0 or faces.max() >= len(vertices):
        raise MeshError(f"{path}: face indices outside 0..{len(vertices) - 1}")
    diagonal2 = float(np.sum(np.ptp(vertices[faces.ravel()], axis=0) ** 2))
    if not (mesh.area_faces > AREA_EPS * diagonal2).any():
        raise DegenerateMeshError(f"{path}: all {len(faces)} faces have zero area")
    return mesh


def normalize(mesh: trimesh.Trimesh, center: str = "centroid") -> trimesh.Trimesh:
    """A copy of ``mesh`` centred at the origin and scaled into the unit sphere.

    ``center="centroid"`` uses the area-weighted surface centroid,
    ``"bbox"`` the centre of the axis-aligned bounding box. Afterwards the
    farthest vertex (of those used by faces) is at distance 1.
    """
    if center == "centroid":
        origin = mesh.centroid
    elif center == "bbox":
        origin = mesh.bounds.mean(axis=0)
    else:
        raise ValueError(f"center={center!r}: expected 'centroid' or 'bbox'")
    vertices = np.asarray(mesh.vertices, dtype=np.float64) - origin
    radius = np.linalg.norm(vertices[np.unique(mesh.faces)], axis=1).max()
    return trimesh.Trimesh(vertices / radius, mesh.faces.copy(), process=False)


def load_normalized(path: str | os.PathLike, center: str = "centroid") -> trimesh.Trimesh:
    """:func:`load_mesh` followed by :func:`normalize`."""
    return normalize(load_mesh(path), center)
