"""The parts every shape is assembled from: boxes, rods, discs, cones, balls,
capsules, rings, lathed profiles, extruded slabs, arcs and bent tubes.

Each returns a ``trimesh.Trimesh`` (or, for :func:`arc`, points) in the
shapes' frame, **+Z up**; :func:`assemble` joins a nested list of parts
into one mesh.
"""

from __future__ import annotations

import numpy as np
import trimesh


Z = np.array([0.0, 0.0, 1.0])


def _moved(mesh: trimesh.Trimesh, axis, at) -> trimesh.Trimesh:
    """Rotate ``mesh`` so that its +Z becomes ``axis``, then move its origin to ``at``."""
    axis = np.asarray(axis, float)
    if not np.allclose(axis / np.linalg.norm(axis), Z):
        mesh.apply_transform(trimesh.geometry.align_vectors(Z, axis))
    mesh.apply_translation(at)
    return mesh


def box(size, at=(0, 0, 0)) -> trimesh.Trimesh:
    """An axis-aligned box of extents ``size`` centred at ``at``."""
    return _moved(trimesh.creation.box(extents=size), Z, at)


def rod(p0, p1, radius, sections=10) -> trimesh.Trimesh:
    """A cylinder from point ``p0`` to point ``p1``."""
    return trimesh.creation.cylinder(radius=radius, segment=[p0, p1], sections=sections)


def disc(radius, z0, z1, x=0.0, y=0.0, sections=24) -> trimesh.Trimesh:
    """A vertical cylinder from height ``z0`` to ``z1``."""
    return rod((x, y, z0), (x, y, z1), radius, sections)


def cone(base, tip, radius, sections=16) -> trimesh.Trimesh:
    """A cone with its base disc centred at ``base`` and its apex at ``tip``."""
    base, tip = np.asarray(base, float), np.asarray(tip, float)
    mesh = trimesh.creation.cone(radius, np.linalg.norm(tip - base), sections=sections)
    return _moved(mesh, tip - base, base)


def ball(at, radius, scale=(1, 1, 1), subdivisions=1) -> trimesh.Trimesh:
    """An ellipsoid: a unit icosphere scaled by ``radius * scale`` and centred at ``at``."""
    mesh = trimesh.creation.icosphere(subdivisions=subdivisions, radius=radius)
    mesh.apply_scale(scale)
    return _moved(mesh, Z, at)


def capsule(p0, p1, radius, count=(8, 8)) -> trimesh.Trimesh:
    """A cylinder with round ends, from ``p0`` to ``p1``."""
    p0, p1 = np.asarray(p0, float), np.asarray(p1, float)
    mesh = trimesh.creation.capsule(height=np.linalg.norm(p1 - p0), radius=radius, count=count)
    return _moved(mesh, p1 - p0, (p0 + p1) / 2)


def ring(at, major, minor, axis=(0, 0, 1), sections=(20, 6)) -> trimesh.Trimesh:
    """A torus around ``axis`` centred at ``at``."""
    mesh = trimesh.creation.torus(major, minor, major_sections=sections[0], minor_sections=sections[1])
    return _moved(mesh, axis, at)


def lathe(profile, sections=24) -> trimesh.Trimesh:
    """Revolve a profile of ``(radius, z)`` points about the +Z axis."""
    return trimesh.creation.revolve(np.asarray(profile, float), sections=sections)


def cup_profile(r0, r1, height, wall, foot=0.0) -> list:
    """Outer wall from the bottom radius ``r0`` to the rim radius ``r1``, then the inner wall down."""
    t = wall
    return [(0, 0), (r0, 0), (r1, height), (r1 - t, height), (r0 - t, t + foot), (0, t + foot)]


def slab(polygon, thickness, plane="xy", offset=0.0) -> trimesh.Trimesh:
    """Extrude a star-shaped polygon (about its mean point) to a plate.

    ``plane`` names the two axes of the polygon's coordinates; the plate is
    centred on ``offset`` along the third axis.
    """
    poly = np.asarray(polygon, float)
    centre = poly.mean(axis=0)
    n = len(poly)
    verts2 = np.vstack([centre, poly])
    faces = [(0, 1 + i, 1 + (i + 1) % n) for i in range(n)]
    mesh = trimesh.creation.extrude_triangulation(verts2, np.array(faces), thickness)
    mesh.apply_translation((0, 0, -thickness / 2 + offset))
    axes = {"xy": [0, 1, 2], "xz": [0, 2, 1], "yz": [1, 2, 0]}[plane]
    mesh.vertices = mesh.vertices[:, np.argsort(axes)]
    mesh.fix_normals()
    return mesh


def arc(centre, radius, a0, a1, n, plane="xz"):
    """Points on a circular arc (angles in radians) in ``plane``, as 3D points."""
    t = np.linspace(a0, a1, n)
    pts = np.zeros((n, 3))
    i, j = {"xz": (0, 2), "xy": (0, 1), "yz": (1, 2)}[plane]
    pts[:, i] = radius * np.cos(t)
    pts[:, j] = radius * np.sin(t)
    return pts + np.asarray(centre, float)


def chain(points, radius, sections=8) -> list:
    """Rods joining consecutive points: a bent tube."""
    return [
        rod(a, b, radius, sections) for a, b in zip(points[:-1], points[1:]) if np.linalg.norm(b - a) > 1e-9
    ]


def assemble(parts) -> trimesh.Trimesh:
    """Concatenate parts (a nested list of meshes) into one mesh."""
    flat = []
    stack = [parts]
    while stack:
        item = stack.pop()
        if isinstance(item, trimesh.Trimesh):
            flat.append(item)
        else:
            stack.extend(reversed(list(item)))
    return trimesh.util.concatenate(flat)
