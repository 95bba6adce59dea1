"""Procedural 3D shapes for SynthSBR: a registry of classes built from simple parts.

Every class is a function ``make(rng) -> trimesh.Trimesh`` that assembles
parametric parts (boxes, rods, cones, spheres, capsules, tori, lathed
profiles, extruded polygons) with proportions, part counts and optional
parts drawn from ``rng``. Classes are grouped in *families* (seating,
vessel, car, ...); classes of one family share parts and are confusable on
purpose (stool / bar stool, cup / mug / vase, car / van / suv).

Frame: **+Z is up**, the object stands on ``z = 0`` before normalisation;
long objects (vehicles, animals, fish) point along +X, seats face -Y.
:func:`make_shape` adds a small smooth non-rigid deformation, an optional
random rotation about +Z, and scales the mesh into the unit sphere.

``CLASSES`` holds 171 classes: the named sub-types written below, then
(when there are fewer than 171) deterministic ``tall_`` / ``wide_``
variants of them (the same generator, stretched along Z or along X and Y).
:func:`class_names` orders them so that the first ``n`` spread over all
families.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Callable

import numpy as np
import trimesh

#: Number of classes of SHREC 2014, the most :func:`class_names` offers.
MAX_CLASSES = 171

Z = np.array([0.0, 0.0, 1.0])


# --------------------------------------------------------------------------- parts


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


def _legs(xs, ys, z0, z1, radius, square=False):
    out = []
    for x in xs:
        for y in ys:
            if square:
                out.append(box((2 * radius, 2 * radius, z1 - z0), (x, y, (z0 + z1) / 2)))
            else:
                out.append(rod((x, y, z0), (x, y, z1), radius, 8))
    return out


def _wheel(x, y, z, radius, width, sections=16):
    return rod((x, y - width / 2, z), (x, y + width / 2, z), radius, sections)


# --------------------------------------------------------------------------- families


def seating(rng, kind="chair"):
    u = rng.uniform
    parts = []
    if kind == "bench":
        w, d, h = u(1.2, 2.0), u(0.35, 0.5), u(0.4, 0.5)
    elif kind == "bar_stool":
        w = d = u(0.3, 0.42)
        h = u(0.7, 0.85)
    elif kind in ("stool",):
        w = d = u(0.3, 0.45)
        h = u(0.4, 0.5)
    elif kind == "armchair":
        w, d, h = u(0.65, 0.85), u(0.6, 0.75), u(0.35, 0.45)
    else:
        w, d, h = u(0.42, 0.55), u(0.4, 0.52), u(0.42, 0.5)
    t = u(0.03, 0.06) if kind != "armchair" else u(0.12, 0.2)
    round_seat = kind in ("stool", "bar_stool") and rng.random() < 0.75
    if round_seat:
        parts.append(disc(w / 2, h - t, h))
    else:
        parts.append(box((w, d, t), (0, 0, h - t / 2)))
    if kind == "swivel_chair":
        parts.append(disc(0.03, u(0.08, 0.12), h - t, sections=10))
        n = int(rng.integers(4, 6))
        for k in range(n):
            a = 2 * np.pi * k / n
            end = (0.3 * np.cos(a), 0.3 * np.sin(a), 0.06)
            parts += [rod((0, 0, 0.1), end, 0.02, 6), ball((end[0], end[1], 0.03), 0.03)]
    elif kind == "rocking_chair":
        parts += _legs((-w / 2 + 0.03, w / 2 - 0.03), (-d / 2 + 0.03, d / 2 - 0.03), 0.1, h - t, 0.02)
        for x in (-w / 2 + 0.03, w / 2 - 0.03):
            pts = arc((0, 0, 0.9), 0.85, np.radians(-125), np.radians(-55), 7, "yz")
            pts[:, 0] = x
            parts += chain(pts, 0.02, 6)
    elif kind == "bar_stool" and rng.random() < 0.4:
        parts += [disc(u(0.03, 0.05), 0.04, h - t), disc(u(0.18, 0.25), 0, 0.03)]
        parts.append(ring((0, 0, h * 0.35), w * 0.45, 0.012))
    else:
        n_legs = 3 if (round_seat and rng.random() < 0.4) else 4
        r_leg = u(0.015, 0.03)
        if n_legs == 3:
            for k in range(3):
                a = 2 * np.pi * k / 3
                top = (0.8 * w / 2 * np.cos(a), 0.8 * w / 2 * np.sin(a), h - t)
                foot = (w / 2 * np.cos(a) * 1.1, w / 2 * np.sin(a) * 1.1, 0)
                parts.append(rod(foot, top, r_leg, 8))
        else:
            spread = 1.1 if kind == "bar_stool" else 1.0
            xs = (-w / 2 * 0.85 * spread, w / 2 * 0.85 * spread)
            ys = (-d / 2 * 0.85 * spread, d / 2 * 0.85 * spread)
            parts += _legs(xs, ys, 0, h - t, r_leg, square=rng.random() < 0.5)
        if kind == "bar_stool":
            parts.append(ring((0, 0, h * 0.33), w * 0.5, 0.012))
        if kind == "stool" and rng.random() < 0.5:
            parts.append(box((w * 0.8, 0.02, 0.02), (0, -d * 0.42, h * 0.3)))
    back = (
        kind in ("chair", "armchair", "swivel_chair", "rocking_chair")
        or (kind == "bench" and rng.random() < 0.6)
        or (kind == "bar_stool" and rng.random() < 0.2)
    )
    if back:
        bh = u(0.3, 0.5) if kind != "bar_stool" else u(0.15, 0.25)
        tb = u(0.03, 0.05) if kind != "armchair" else u(0.1, 0.18)
        yb = d / 2 - tb / 2
        if kind in ("chair", "rocking_chair", "bench") and rng.random() < 0.5:
            n = int(rng.integers(3, 6))
            for x in np.linspace(-w / 2 + 0.03, w / 2 - 0.03, n):
                parts.append(box((0.025, tb, bh), (x, yb, h + bh / 2)))
            parts.append(box((w, tb, 0.05), (0, yb, h + bh)))
        else:
            parts.append(box((w, tb, bh), (0, yb, h + bh / 2)))
            parts += _legs((-w / 2 + 0.02, w / 2 - 0.02), (yb,), h - t, h, 0.015)
    if kind == "armchair" or (kind == "swivel_chair" and rng.random() < 0.6):
        ah = u(0.18, 0.28)
        aw = u(0.05, 0.15) if kind == "armchair" else 0.05
        for s in (-1, 1):
            parts.append(
                box(
                    (aw, d, ah if kind == "armchair" else 0.04),
                    (s * (w / 2 + aw / 2), 0, h + (ah / 2 if kind == "armchair" else ah)),
                )
            )
            if kind == "swivel_chair":
                parts.append(rod((s * (w / 2 + aw / 2), 0, h), (s * (w / 2 + aw / 2), 0, h + ah), 0.015))
        if kind == "armchair":
            parts += _legs((-w / 2, w / 2), (-d / 2 + 0.04, d / 2 - 0.04), 0, h - t, 0.025)
    return assemble(parts)


def table(rng, kind="table"):
    u = rng.uniform
    parts = []
    if kind == "coffee_table":
        w, d, h = u(0.9, 1.3), u(0.5, 0.7), u(0.35, 0.45)
    elif kind == "side_table":
        w = d = u(0.4, 0.55)
        h = u(0.5, 0.65)
    elif kind == "round_table":
        w = d = u(0.8, 1.2)
        h = u(0.7, 0.78)
    elif kind == "desk":
        w, d, h = u(1.1, 1.6), u(0.55, 0.75), u(0.72, 0.78)
    else:
        w, d, h = u(1.2, 2.0), u(0.7, 1.0), u(0.72, 0.78)
    t = u(0.03, 0.07)
    if kind == "round_table":
        parts.append(disc(w / 2, h - t, h, sections=32))
        if rng.random() < 0.6:
            parts += [disc(u(0.04, 0.07), 0.03, h - t, sections=12), disc(u(0.25, 0.35), 0, 0.04)]
        else:
            for k in range(int(rng.integers(3, 5))):
                a = 2 * np.pi * k / 3.0
                parts.append(
                    rod(
                        (0.35 * w * np.cos(a), 0.35 * w * np.sin(a), 0),
                        (0.3 * w * np.cos(a), 0.3 * w * np.sin(a), h - t),
                        0.025,
                    )
                )
        return assemble(parts)
    parts.append(box((w, d, t), (0, 0, h - t / 2)))
    inset = u(0.03, 0.1)
    xs, ys = (-w / 2 + inset, w / 2 - inset), (-d / 2 + inset, d / 2 - inset)
    if kind == "desk":
        pw = u(0.35, 0.45)
        parts.append(box((pw, d * 0.95, h - t), (w / 2 - pw / 2, 0, (h - t) / 2)))
        for k in range(int(rng.integers(2, 5))):
            zk = (h - t) * (k + 0.5) / 4
            parts.append(box((pw * 0.85, 0.02, 0.12), (w / 2 - pw / 2, -d * 0.48, zk)))
        if rng.random() < 0.5:
            parts.append(box((0.04, d * 0.95, h - t), (-w / 2 + 0.02, 0, (h - t) / 2)))
        else:
            parts += _legs((xs[0],), ys, 0, h - t, 0.025, square=True)
        return assemble(parts)
    parts += _legs(xs, ys, 0, h - t, u(0.02, 0.04), square=rng.random() < 0.6)
    if kind in ("coffee_table", "side_table") and rng.random() < 0.6:
        parts.append(box((w - 2 * inset, d - 2 * inset, 0.02), (0, 0, h * u(0.2, 0.4))))
    if kind == "side_table" and rng.random() < 0.5:
        parts.append(box((w * 0.8, 0.02, h * 0.2), (0, -d / 2 + inset, h - t - h * 0.1)))
    return assemble(parts)


def storage(rng, kind="cabinet"):
    u = rng.uniform
    dims = {
        "cabinet": (u(0.6, 1.0), u(0.4, 0.55), u(0.8, 1.1)),
        "bookshelf": (u(0.7, 1.1), u(0.25, 0.35), u(1.2, 2.0)),
        "wardrobe": (u(0.9, 1.3), u(0.5, 0.6), u(1.8, 2.1)),
        "chest_of_drawers": (u(0.8, 1.2), u(0.4, 0.5), u(0.8, 1.1)),
        "nightstand": (u(0.4, 0.5), u(0.35, 0.45), u(0.45, 0.6)),
    }
    w, d, h = dims[kind]
    legs = u(0.05, 0.15) if kind in ("nightstand", "cabinet") and rng.random() < 0.6 else 0.0
    parts = _legs((-w / 2 + 0.04, w / 2 - 0.04), (-d / 2 + 0.04, d / 2 - 0.04), 0, legs, 0.02) if legs else []
    z0 = legs
    front = -d / 2
    if kind == "bookshelf":
        th = 0.025
        parts += [box((th, d, h), (s * (w / 2 - th / 2), 0, h / 2)) for s in (-1, 1)]
        parts.append(box((w, th, h), (0, d / 2 - th / 2, h / 2)))
        n = int(rng.integers(3, 7))
        for k in range(n + 1):
            zk = th / 2 + k * (h - th) / n
            parts.append(box((w, d, th), (0, 0, zk)))
            if k < n and rng.random() < 0.7:
                x = -w / 2 + 0.04
                while x < w / 2 - 0.1 and rng.random() < 0.92:
                    bw, bh = u(0.02, 0.05), u(0.5, 0.85) * (h - th) / n
                    parts.append(box((bw, d * 0.8, bh), (x + bw / 2, 0, zk + th / 2 + bh / 2)))
                    x += bw + u(0.0, 0.02)
        return assemble(parts)
    parts.append(box((w, d, h - z0), (0, 0, z0 + (h - z0) / 2)))
    if kind == "wardrobe" and rng.random() < 0.7:
        parts.append(box((w * 1.05, d * 1.05, 0.05), (0, 0, h + 0.025)))
    if kind in ("chest_of_drawers", "nightstand"):
        n = int(rng.integers(3, 6)) if kind == "chest_of_drawers" else int(rng.integers(1, 3))
        hh = (h - z0) / n
        for k in range(n):
            zc = z0 + hh * (k + 0.5)
            parts.append(box((w * 0.9, 0.02, hh * 0.8), (0, front - 0.01, zc)))
            for x in ((-w * 0.25, w * 0.25) if w > 0.7 else (0,)):
                parts.append(ball((x, front - 0.03, zc), 0.018))
    else:
        n = 2 if (kind == "wardrobe" or w > 0.75) else 1
        dw = w / n
        for k in range(n):
            x = -w / 2 + dw * (k + 0.5)
            parts.append(box((dw * 0.92, 0.02, (h - z0) * 0.92), (x, front - 0.01, z0 + (h - z0) / 2)))
            hx = x + (dw * 0.35 if k == 0 and n == 2 else -dw * 0.35)
            parts.append(box((0.02, 0.03, 0.15), (hx, front - 0.03, z0 + (h - z0) * 0.55)))
    return assemble(parts)


def bed(rng, kind="bed"):
    u = rng.uniform
    parts = []
    if kind == "sofa":
        w, d, h = u(1.5, 2.3), u(0.8, 0.95), u(0.4, 0.48)
        parts.append(box((w, d, h - 0.1), (0, 0, 0.1 + (h - 0.1) / 2)))
        parts += _legs((-w / 2 + 0.05, w / 2 - 0.05), (-d / 2 + 0.05, d / 2 - 0.05), 0, 0.1, 0.025)
        bh = u(0.35, 0.5)
        parts.append(box((w, u(0.15, 0.25), bh), (0, d / 2 - 0.1, h + bh / 2)))
        aw, ah = u(0.1, 0.22), u(0.15, 0.3)
        parts += [
            box((aw, d, h + ah - 0.1), (s * (w / 2 + aw / 2), 0, 0.1 + (h + ah - 0.1) / 2)) for s in (-1, 1)
        ]
        n = int(rng.integers(2, 4))
        for k in range(n):
            parts.append(box((w / n * 0.95, d * 0.75, 0.1), (-w / 2 + w / n * (k + 0.5), -0.05, h + 0.05)))
        return assemble(parts)
    w, d = (u(0.9, 1.8), u(1.9, 2.1)) if kind == "bed" else (u(0.9, 1.0), u(1.9, 2.0))
    if kind == "crib":
        w, d = u(0.6, 0.7), u(1.1, 1.3)
    levels = [u(0.3, 0.45)] if kind != "bunk_bed" else [u(0.3, 0.4), u(1.3, 1.5)]
    post = 0.03
    top = levels[-1] + (u(0.3, 0.5) if kind != "crib" else u(0.5, 0.7))
    head = top if kind != "bed" else levels[0] + u(0.5, 1.0)
    for x in (-w / 2, w / 2):
        parts.append(box((post * 2, post * 2, head), (x, d / 2, head / 2)))
        foot = head if kind != "bed" else levels[0] + u(0.1, 0.3)
        parts.append(box((post * 2, post * 2, foot), (x, -d / 2, foot / 2)))
    for z in levels:
        parts.append(box((w, d, u(0.12, 0.22)), (0, 0, z)))
        parts.append(ball((0, d / 2 - 0.25, z + 0.12), 0.2, (w / 0.55, 0.9, 0.35)))
    if kind == "bed":
        parts.append(box((w, 0.05, head - levels[0]), (0, d / 2, (head + levels[0]) / 2)))
        if rng.random() < 0.5:
            parts.append(box((w, 0.04, 0.25), (0, -d / 2, levels[0] + 0.1)))
    if kind == "bunk_bed":
        x = w / 2 - 0.25
        parts += [
            rod((x + s * 0.15, -d / 2 - 0.04, 0), (x + s * 0.15, -d / 2 - 0.04, levels[1] + 0.3), 0.015)
            for s in (-1, 1)
        ]
        parts += [
            rod((x - 0.15, -d / 2 - 0.04, z), (x + 0.15, -d / 2 - 0.04, z), 0.012)
            for z in np.arange(0.3, levels[1], 0.28)
        ]
        parts += [box((w, 0.04, 0.15), (0, s * d / 2, levels[1] + 0.25)) for s in (-1, 1)]
    if kind == "crib":
        for y in (-d / 2, d / 2):
            parts += [rod((x, y, levels[0]), (x, y, top), 0.01, 6) for x in np.linspace(-w / 2, w / 2, 8)]
        for x in (-w / 2, w / 2):
            parts += [rod((x, y, levels[0]), (x, y, top), 0.01, 6) for y in np.linspace(-d / 2, d / 2, 11)]
            parts.append(box((0.04, d, 0.04), (x, 0, top)))
    return assemble(parts)


def lamp(rng, kind="floor_lamp"):
    u = rng.uniform
    parts = []
    if kind == "street_lamp":
        h = u(3.0, 5.0)
        parts += [disc(u(0.08, 0.12), 0, h, sections=12), disc(0.18, 0, u(0.3, 0.6), sections=12)]
        arm = u(0.4, 0.9)
        n = int(rng.integers(1, 3))
        for s in ((1,) if n == 1 else (-1, 1)):
            parts.append(rod((0, 0, h - 0.05), (s * arm, 0, h + 0.1), 0.04, 8))
            if rng.random() < 0.5:
                parts.append(cone((s * arm, 0, h - 0.15), (s * arm, 0, h + 0.1), 0.22))
            else:
                parts.append(box((0.45, 0.2, 0.1), (s * arm, 0, h + 0.05)))
        return assemble(parts)
    if kind == "desk_lamp":
        parts.append(disc(u(0.08, 0.12), 0, 0.03))
        a, b = u(0.3, 0.45), u(0.3, 0.45)
        ang = u(np.radians(60), np.radians(80))
        p1 = np.array([a * np.cos(ang), 0, 0.03 + a * np.sin(ang)])
        p2 = p1 + (b * np.cos(u(-0.3, 0.4)), 0, -b * np.sin(u(-0.3, 0.4)))
        p2[0] = -abs(p2[0] - p1[0]) + p1[0] if rng.random() < 0.5 else p2[0]
        parts += [rod((0, 0, 0.03), p1, 0.012), rod(p1, p2, 0.012), ball(p1, 0.025)]
        parts.append(cone(p2 - (0, 0, u(0.1, 0.15)), p2 + (0, 0, 0.03), u(0.07, 0.1)))
        return assemble(parts)
    if kind == "table_lamp":
        h = u(0.25, 0.4)
        r = u(0.06, 0.12)
        parts.append(lathe([(0, 0), (r * 0.8, 0), (r, h * 0.4), (r * 0.4, h * 0.9), (r * 0.3, h), (0, h)]))
        sh = u(0.15, 0.25)
        shade = lathe(cup_profile(u(0.14, 0.2), u(0.06, 0.1), sh, 0.005))
        shade.apply_translation((0, 0, h - sh * 0.3))
        parts.append(shade)
        return assemble(parts)
    h = u(1.4, 1.8)
    parts += [disc(u(0.12, 0.2), 0, 0.03), disc(0.015, 0, h, sections=8)]
    sh = u(0.2, 0.35)
    shade = lathe(cup_profile(u(0.15, 0.25), u(0.08, 0.14), sh, 0.005))
    shade.apply_translation((0, 0, h - sh * 0.5))
    parts.append(shade)
    if rng.random() < 0.3:
        parts += [rod((0, 0, 0.02), (0.15 * np.cos(a), 0.15 * np.sin(a), 0), 0.012) for a in (0, 2.1, 4.2)]
    return assemble(parts)


def vessel(rng, kind="cup"):
    u = rng.uniform
    parts = []
    s = 24
    if kind == "cup":
        h, r1 = u(0.07, 0.1), u(0.04, 0.055)
        parts.append(lathe(cup_profile(r1 * u(0.6, 0.75), r1, h, 0.004), s))
        if rng.random() < 0.6:
            parts.append(disc(r1 * 1.6, -0.006, 0.0))
        if rng.random() < 0.7:
            parts.append(ring((r1 * 0.9, 0, h * 0.6), h * 0.2, 0.005, axis=(0, 1, 0), sections=(12, 5)))
    elif kind == "mug":
        h, r = u(0.09, 0.12), u(0.038, 0.05)
        parts.append(lathe(cup_profile(r, r, h, 0.005), s))
        parts.append(ring((r + 0.005, 0, h / 2), h * 0.3, 0.009, axis=(0, 1, 0), sections=(14, 6)))
    elif kind == "bowl":
        r, h = u(0.08, 0.14), u(0.04, 0.07)
        pts = [(0, 0), (r * 0.45, 0), (r * 0.45, 0.006)]
        pts += [
            (r * (0.45 + 0.55 * np.sin(t)), 0.006 + h * (1 - np.cos(t))) for t in np.linspace(0.2, 1.5, 5)
        ]
        pts += [(r - 0.006, h), (r * 0.45, 0.014), (0, 0.014)]
        parts.append(lathe(pts, s))
    elif kind == "vase":
        h = u(0.25, 0.45)
        rb, rn, rl = u(0.07, 0.12), u(0.025, 0.05), u(0.04, 0.08)
        zb = u(0.25, 0.55)
        pts = [
            (0, 0),
            (rb * 0.6, 0),
            (rb, zb * h),
            (rn, h * u(0.75, 0.85)),
            (rl, h),
            (rl - 0.006, h),
            (rn - 0.006, h * 0.8),
            (0, h * 0.8),
        ]
        parts.append(lathe(pts, s))
        if rng.random() < 0.3:
            parts += [
                ring((s_ * (rn + 0.02), 0, h * 0.7), 0.03, 0.005, axis=(0, 1, 0), sections=(10, 4))
                for s_ in (-1, 1)
            ]
    elif kind == "wine_bottle":
        h, r = u(0.28, 0.34), u(0.035, 0.045)
        zs = h * u(0.55, 0.65)
        pts = [(0, 0), (r, 0), (r, zs), (0.013, zs + h * 0.12), (0.012, h), (0, h)]
        parts.append(lathe(pts, 16))
    elif kind == "wineglass":
        h = u(0.16, 0.22)
        stem = h * u(0.35, 0.5)
        r = u(0.035, 0.05)
        pts = [(0, 0), (u(0.03, 0.045), 0), (0.005, 0.006), (0.005, stem)]
        pts += [(r * np.sin(t), stem + (h - stem) * (1 - np.cos(t)) * 0.8) for t in np.linspace(0.3, 1.4, 4)]
        pts += [(r * 0.9, h), (r * 0.85, h), (0, stem + 0.01)]
        parts.append(lathe(pts, s))
    elif kind == "jug":
        h, r = u(0.18, 0.26), u(0.06, 0.08)
        pts = [
            (0, 0),
            (r, 0),
            (r * 1.1, h * 0.4),
            (r * 0.75, h * 0.85),
            (r * 0.85, h),
            (r * 0.8, h),
            (r * 0.7, h * 0.85),
            (0, h * 0.1),
        ]
        parts.append(lathe(pts, s))
        parts.append(ring((r * 1.0, 0, h * 0.6), h * 0.25, 0.009, axis=(0, 1, 0), sections=(14, 6)))
        parts.append(cone((-r * 0.7, 0, h * 0.95), (-r * 1.2, 0, h * 1.03), 0.02, 8))
    elif kind == "bucket":
        h, r = u(0.25, 0.35), u(0.12, 0.16)
        parts.append(lathe(cup_profile(r * 0.8, r, h, 0.006), s))
        parts += chain(arc((0, 0, h), r, 0.0, np.pi, 9, "xz"), 0.005, 6)
    else:  # flower_pot
        h, r = u(0.14, 0.2), u(0.08, 0.12)
        parts.append(lathe(cup_profile(r * 0.7, r, h, 0.008), s))
        parts.append(lathe(cup_profile(r * 1.08, r * 1.08, h * 0.18, 0.01), s))
        parts[-1].apply_translation((0, 0, h * 0.82))
        if rng.random() < 0.5:
            parts.append(disc(r * 0.95, -0.01, 0.0))
    return assemble(parts)


def car(rng, kind="car"):
    u = rng.uniform
    parts = []
    L = {"bus": u(2.5, 3.2), "truck": u(2.2, 2.8), "race_car": u(1.1, 1.3)}.get(kind, u(1.0, 1.2))
    W = L * u(0.38, 0.45) if kind not in ("bus", "truck") else u(0.6, 0.7)
    wr = {"suv": u(0.12, 0.15), "race_car": u(0.1, 0.13), "bus": u(0.13, 0.16), "truck": u(0.14, 0.17)}.get(
        kind, u(0.09, 0.12)
    )
    base = wr * 0.7
    if kind == "car":
        hb, hc = u(0.18, 0.22), u(0.15, 0.2)
        prof = [
            (-L / 2, base),
            (L / 2, base),
            (L / 2, base + hb * 0.8),
            (L * 0.3, base + hb),
            (L * 0.12, base + hb + hc),
            (-L * 0.22, base + hb + hc),
            (-L * 0.38, base + hb),
            (-L / 2, base + hb),
        ]
    elif kind == "van":
        hb = u(0.5, 0.6)
        prof = [
            (-L / 2, base),
            (L / 2, base),
            (L / 2, base + hb * 0.45),
            (L * 0.4, base + hb * 0.55),
            (L * 0.28, base + hb),
            (-L / 2, base + hb),
        ]
    elif kind == "suv":
        hb, hc = u(0.25, 0.3), u(0.2, 0.25)
        prof = [
            (-L / 2, base),
            (L / 2, base),
            (L / 2, base + hb),
            (L * 0.25, base + hb),
            (L * 0.15, base + hb + hc),
            (-L / 2 + 0.03, base + hb + hc),
            (-L / 2, base + hb),
        ]
    elif kind == "race_car":
        prof = [
            (-L / 2, base),
            (L / 2, base),
            (L / 2, base + 0.04),
            (0.05, base + 0.12),
            (-0.1, base + 0.2),
            (-L / 2, base + 0.14),
        ]
        W = L * 0.3
    elif kind == "pickup_truck":
        hb, hc = u(0.2, 0.25), u(0.18, 0.22)
        prof = [
            (-L / 2, base),
            (L / 2, base),
            (L / 2, base + hb),
            (L * 0.2, base + hb + 0.02),
            (L * 0.1, base + hb + hc),
            (-L * 0.12, base + hb + hc),
            (-L * 0.12, base + hb),
        ]
    elif kind == "bus":
        hb = u(0.75, 0.9)
        prof = [(-L / 2, base), (L / 2, base), (L / 2, base + hb), (-L / 2, base + hb)]
    else:  # truck: cab only, the cargo box is added below
        hb = u(0.6, 0.75)
        prof = [
            (L / 2 - 0.6, base),
            (L / 2, base),
            (L / 2, base + hb * 0.5),
            (L / 2 - 0.1, base + hb),
            (L / 2 - 0.6, base + hb),
        ]
    parts.append(slab(prof, W, "xz"))
    if kind == "pickup_truck":
        parts.append(box((L * 0.38, W, 0.02), (-L * 0.31, 0, base + hb - 0.01)))
        parts += [
            box((L * 0.38, 0.02, 0.1), (-L * 0.31, s * (W / 2 - 0.01), base + hb + 0.05)) for s in (-1, 1)
        ]
    if kind == "truck":
        cl = L - 0.65
        parts.append(box((cl, W * 1.05, hb * 1.15), (-L / 2 + cl / 2, 0, base + hb * 0.6)))
    if kind == "race_car":
        parts.append(box((0.08, W * 1.5, 0.02), (-L / 2 + 0.04, 0, base + 0.26)))
        parts += [box((0.05, 0.01, 0.12), (-L / 2 + 0.04, s * W * 0.5, base + 0.2)) for s in (-1, 1)]
        parts.append(box((0.06, W * 1.6, 0.015), (L / 2 - 0.03, 0, base + 0.02)))
    if kind == "bus":
        n = int(rng.integers(5, 9))
        for k in range(n):
            x = -L / 2 + L * (k + 0.5) / n
            parts += [box((L / n * 0.8, 0.02, hb * 0.3), (x, s * W / 2, base + hb * 0.68)) for s in (-1, 1)]
    axles = [L * 0.33, -L * 0.33]
    if kind == "bus":
        axles = [L * 0.35, -L * 0.3]
    if kind == "truck":
        axles = [L / 2 - 0.3, -L * 0.15, -L * 0.35]
    if kind == "race_car":
        axles = [L * 0.38, -L * 0.3]
    for x in axles:
        for s in (-1, 1):
            wy = s * (W / 2 + (0.06 if kind == "race_car" else 0.0))
            parts.append(_wheel(x, wy, wr, wr * (1.15 if kind == "race_car" and x < 0 else 1.0), wr * 0.7))
    if rng.random() < 0.5 and kind in ("car", "suv", "van"):
        parts += [box((0.02, 0.06, 0.03), (L / 2, s * W * 0.35, base + 0.1)) for s in (-1, 1)]
    return assemble(parts)


def aircraft(rng, kind="airplane"):
    u = rng.uniform
    parts = []
    if kind == "helicopter":
        r = u(0.18, 0.25)
        parts.append(ball((0, 0, 0.35), r, (1.4, 0.85, 0.9)))
        tl = u(0.7, 1.0)
        parts += [rod((-r, 0, 0.4), (-r - tl, 0, 0.45), 0.03), box((0.12, 0.01, 0.2), (-r - tl, 0, 0.5))]
        parts.append(disc(0.02, 0.55, 0.62))
        R = u(0.8, 1.1)
        n = int(rng.integers(2, 5))
        a0 = u(0, np.pi)
        for k in range(n):
            blade_ = box((R, 0.05, 0.01), (R / 2, 0, 0.63))
            blade_.apply_transform(trimesh.transformations.rotation_matrix(a0 + 2 * np.pi * k / n, Z))
            parts.append(blade_)
        for s in (-1, 1):
            parts += [
                box((0.6, 0.02, 0.02), (0, s * 0.2, 0.02)),
                rod((0.1, s * 0.2, 0.02), (0.1, s * 0.12, 0.2), 0.01, 6),
                rod((-0.15, s * 0.2, 0.02), (-0.15, s * 0.12, 0.2), 0.01, 6),
            ]
        return assemble(parts)
    L = u(1.6, 2.2)
    r = L * (u(0.04, 0.06) if kind != "glider" else 0.03)
    parts.append(capsule((-L / 2, 0, 0), (L / 2 - r, 0, 0), r))
    if kind == "jet_fighter":
        parts.append(cone((L / 2 - r, 0, 0), (L / 2 + 0.25, 0, 0), r, 12))
        wing = [(L * 0.15, 0), (-L * 0.3, L * 0.35), (-L * 0.4, L * 0.35), (-L * 0.4, 0)]
        parts.append(slab(wing + [(-L * 0.4, -L * 0.35), (-L * 0.3, -L * 0.35)], 0.02))
        for s in ((-1, 1) if rng.random() < 0.6 else (0,)):
            parts.append(
                slab(
                    [(-L * 0.3, 0), (-L / 2, 0), (-L / 2, L * 0.2), (-L * 0.42, L * 0.2)],
                    0.015,
                    "xz",
                    s * r * 0.8,
                )
            )
        return assemble(parts)
    span = {"glider": u(2.5, 3.2), "biplane": u(1.2, 1.5)}.get(kind, u(1.6, 2.2))
    chord = {"glider": u(0.1, 0.14), "biplane": u(0.25, 0.32)}.get(kind, u(0.2, 0.35))
    sweep = u(0.0, 0.3) if kind == "airplane" else 0.0
    xw = L * u(0.0, 0.1)
    zs = [0.0] if kind != "biplane" else [-r * 0.8, r * 0.8 + u(0.25, 0.35)]
    for zw in zs:
        poly = [
            (xw + chord / 2, 0),
            (xw + chord / 2 - sweep, span / 2),
            (xw - chord / 2 - sweep, span / 2),
            (xw - chord / 2, 0),
            (xw - chord / 2 - sweep, -span / 2),
            (xw + chord / 2 - sweep, -span / 2),
        ]
        parts.append(slab(poly, 0.02, offset=zw))
    if kind == "biplane":
        for y in (-span * 0.3, span * 0.3):
            parts += [rod((xw, y, zs[0]), (xw, y, zs[1]), 0.01, 6)]
        parts += [box((0.02, 0.5, 0.05), (L / 2 + 0.02, 0, 0)), box((0.02, 0.05, 0.5), (L / 2 + 0.02, 0, 0))]
        parts += [_wheel(L * 0.25, s * 0.15, -0.3, 0.07, 0.03) for s in (-1, 1)]
    tail = [(-L / 2 + 0.2, 0), (-L / 2, 0), (-L / 2 - 0.05, L * 0.18), (-L / 2 + 0.05, L * 0.18)]
    parts.append(slab(tail, 0.015, "xz"))
    hs = L * (0.18 if kind != "glider" else 0.12)
    parts.append(
        slab(
            [
                (-L / 2 + 0.15, 0),
                (-L / 2 + 0.05, hs),
                (-L / 2 - 0.05, hs),
                (-L / 2, 0),
                (-L / 2 - 0.05, -hs),
                (-L / 2 + 0.05, -hs),
            ],
            0.015,
            offset=(L * 0.17 if kind == "glider" else 0.0),
        )
    )
    if kind == "airplane" and rng.random() < 0.8:
        n = 1 if rng.random() < 0.6 else 2
        for k in range(n):
            y = span * (0.18 + 0.14 * k)
            x = xw - (sweep * y / (span / 2)) + chord * 0.3
            parts += [rod((x + 0.15, s * y, -0.08), (x - 0.12, s * y, -0.08), 0.05, 12) for s in (-1, 1)]
    return assemble(parts)


def _hull(L, W, H, bow=0.3, stern=0.85):
    poly = [
        (L / 2, 0),
        (L / 2 - L * bow, W / 2),
        (-L / 2, W / 2 * stern),
        (-L / 2, -W / 2 * stern),
        (L / 2 - L * bow, -W / 2),
    ]
    hull = slab(poly, H, "xy", H / 2)
    v = hull.vertices.copy()
    v[:, 1] *= 0.45 + 0.55 * (v[:, 2] / H)
    hull.vertices = v
    return hull


def boat(rng, kind="sailboat"):
    u = rng.uniform
    parts = []
    if kind == "submarine":
        L, r = u(2.0, 2.8), u(0.15, 0.22)
        parts.append(capsule((-L / 2 + r, 0, r), (L / 2 - r, 0, r), r, (12, 8)))
        parts.append(box((u(0.3, 0.45), 0.08, u(0.2, 0.3)), (L * u(0.05, 0.2), 0, 2 * r + 0.08)))
        parts.append(
            slab(
                [(-L / 2 + 0.1, 0), (-L / 2 - 0.05, 0.3), (-L / 2 - 0.15, 0.3), (-L / 2 - 0.1, 0)],
                0.02,
                "xz",
                0,
            )
        )
        parts[-1].apply_translation((0, 0, r - 0.15))
        parts.append(
            slab(
                [
                    (-L / 2 + 0.1, 0),
                    (-L / 2, 0.25),
                    (-L / 2 - 0.08, 0.25),
                    (-L / 2 - 0.05, 0),
                    (-L / 2 - 0.08, -0.25),
                    (-L / 2, -0.25),
                ],
                0.02,
                offset=r,
            )
        )
        return assemble(parts)
    if kind == "canoe":
        L = u(1.6, 2.2)
        W, H = L * u(0.15, 0.2), L * 0.08
        poly = [
            (L / 2, 0),
            (L * 0.3, W / 2),
            (-L * 0.3, W / 2),
            (-L / 2, 0),
            (-L * 0.3, -W / 2),
            (L * 0.3, -W / 2),
        ]
        hull = slab(poly, H, "xy", H / 2)
        v = hull.vertices.copy()
        v[:, 1] *= 0.35 + 0.65 * (v[:, 2] / H)
        v[:, 2] += 0.5 * H * (2 * v[:, 0] / L) ** 4
        hull.vertices = v
        parts.append(hull)
        for x in np.linspace(-L * 0.25, L * 0.25, int(rng.integers(2, 4))):
            parts.append(box((0.05, W * 0.9, 0.015), (x, 0, H * 0.85)))
        if rng.random() < 0.5:
            parts += [
                rod((0.2, -0.05, H + 0.3), (-0.4, 0.05, H + 0.05), 0.01),
                box((0.2, 0.08, 0.01), (-0.45, 0.05, H + 0.04)),
            ]
        return assemble(parts)
    L = {"ship": u(2.5, 3.5), "motorboat": u(1.0, 1.4)}.get(kind, u(1.0, 1.5))
    W, H = L * u(0.28, 0.38), L * u(0.12, 0.18)
    parts.append(_hull(L, W, H))
    if kind == "sailboat":
        mh = L * u(1.0, 1.4)
        xm = L * u(0.0, 0.15)
        parts.append(rod((xm, 0, H), (xm, 0, H + mh), 0.015, 8))
        parts.append(
            slab(
                [(xm - 0.02, H + 0.08), (xm - L * u(0.35, 0.5), H + 0.08), (xm - 0.02, H + mh * 0.95)],
                0.01,
                "xz",
            )
        )
        if rng.random() < 0.7:
            parts.append(
                slab([(xm + 0.02, H + 0.08), (L * 0.45, H + 0.05), (xm + 0.02, H + mh * 0.9)], 0.01, "xz")
            )
        if rng.random() < 0.5:
            parts.append(box((L * 0.3, W * 0.5, H * 0.4), (-L * 0.15, 0, H * 1.2)))
    elif kind == "motorboat":
        parts.append(box((L * 0.3, W * 0.7, H * u(0.5, 0.9)), (-L * 0.05, 0, H * 1.3)))
        parts.append(slab([(L * 0.1, 0), (L * 0.1 + 0.1, 0), (L * 0.1, 0.12)], W * 0.7, "xz"))
        parts[-1].apply_translation((0, 0, H * 1.6))
        parts.append(box((0.1, 0.12, 0.15), (-L / 2 - 0.03, 0, H * 0.8)))
    else:
        levels = int(rng.integers(1, 4))
        for k in range(levels):
            sl = L * (0.45 - 0.1 * k)
            parts.append(box((sl, W * 0.7, H * 0.5), (-L * 0.1, 0, H * (1.25 + 0.5 * k))))
        for k in range(int(rng.integers(1, 4))):
            parts.append(disc(W * 0.12, H, H * (2.4 + 0.3 * levels), x=-L * 0.05 - k * W * 0.4, sections=12))
        if rng.random() < 0.5:
            parts.append(rod((L * 0.3, 0, H), (L * 0.3, 0, H * 3.5), 0.02))
    return assemble(parts)


def rail(rng, kind="train"):
    u = rng.uniform
    parts = []
    W, wr = u(0.5, 0.6), 0.1

    def carriage(x0, length, height, roof=True):
        out = [box((length, W, height), (x0 + length / 2, 0, 0.15 + height / 2))]
        if roof:
            out.append(slab([(W / 2, 0), (0, 0.08), (-W / 2, 0)], length, "yz", x0 + length / 2))
            out[-1].apply_translation((0, 0, 0.15 + height))
        for x in (x0 + 0.2, x0 + length - 0.2):
            out += [_wheel(x, s * W / 2, wr, wr, 0.05) for s in (-1, 1)]
        for k in range(int(length / 0.35)):
            out += [
                box((0.2, 0.02, height * 0.35), (x0 + 0.25 + k * 0.35, s * W / 2, 0.15 + height * 0.65))
                for s in (-1, 1)
            ]
        return out

    if kind == "locomotive":
        L = u(1.6, 2.2)
        parts.append(box((L, W, 0.12), (0, 0, 0.18)))
        parts.append(rod((-L * 0.15, 0, 0.45), (L / 2, 0, 0.45), u(0.2, 0.26), 16))
        parts.append(box((L * 0.3, W, u(0.6, 0.75)), (-L * 0.35, 0, 0.55)))
        parts.append(
            cone((L * 0.35, 0, 0.6), (L * 0.35, 0, 0.95), 0.08, 10)
            if rng.random() < 0.3
            else disc(0.06, 0.6, 0.95, x=L * 0.35, sections=10)
        )
        for x in np.linspace(-L * 0.35, L * 0.35, int(rng.integers(3, 5))):
            parts += [_wheel(x, s * W / 2, 0.15, 0.15, 0.04) for s in (-1, 1)]
        parts.append(slab([(L / 2, 0.12), (L / 2 + 0.2, 0.0), (L / 2, 0.0)], W, "xz"))
        return assemble(parts)
    if kind == "tram":
        L = u(2.0, 3.0)
        parts += carriage(-L / 2, L, u(0.65, 0.8))
        top = parts[0].bounds[1][2] + 0.08
        parts += [
            rod((0, 0, top), (0.25, 0, top + 0.3), 0.01),
            rod((0.25, 0, top + 0.3), (-0.05, 0, top + 0.5), 0.01),
            box((0.05, 0.4, 0.02), (-0.05, 0, top + 0.5)),
        ]
        return assemble(parts)
    n = int(rng.integers(2, 5))
    L = u(1.2, 1.6)
    x = -n * (L + 0.1) / 2
    for k in range(n):
        parts += carriage(x, L, u(0.55, 0.65) if k else 0.7)
        if k < n - 1:
            parts.append(box((0.12, 0.08, 0.05), (x + L + 0.05, 0, 0.3)))
        x += L + 0.1
    parts.append(slab([(0, 0.15), (0.3, 0.15), (0, 0.7)], W, "xz"))
    parts[-1].apply_translation((x - 0.1, 0, 0))
    return assemble(parts)


def cycle(rng, kind="bicycle"):
    u = rng.uniform
    parts = []
    if kind == "scooter":
        r = u(0.06, 0.09)
        L = u(0.6, 0.8)
        parts += [ring((L / 2, 0, r), r, 0.02, (0, 1, 0)), ring((-L / 2, 0, r), r, 0.02, (0, 1, 0))]
        parts.append(box((L * 0.85, 0.12, 0.03), (-0.03, 0, r + 0.02)))
        h = u(0.8, 1.0)
        parts += [
            rod((L / 2, 0, r), (L / 2 - 0.08, 0, h), 0.018),
            rod((L / 2 - 0.08, -0.22, h), (L / 2 - 0.08, 0.22, h), 0.016),
        ]
        return assemble(parts)
    wr = u(0.3, 0.36) if kind != "motorbike" else u(0.28, 0.33)
    L = u(1.0, 1.15)
    tube = 0.025 if kind == "bicycle" else 0.03
    rear, front = np.array([-L / 2, 0, wr]), np.array([L / 2, 0, wr])
    thick = 0.02 if kind == "bicycle" else 0.07
    if kind == "tricycle":
        rear = np.array([-L / 2 + 0.1, 0, wr * 0.6])
        parts += [
            ring(front, wr, thick, (0, 1, 0)),
            ring((rear[0], -0.3, wr * 0.6), wr * 0.6, thick, (0, 1, 0)),
            ring((rear[0], 0.3, wr * 0.6), wr * 0.6, thick, (0, 1, 0)),
        ]
        parts.append(rod((rear[0], -0.3, rear[2]), (rear[0], 0.3, rear[2]), 0.02))
    else:
        parts += [ring(front, wr, thick, (0, 1, 0), (24, 6)), ring(rear, wr, thick, (0, 1, 0), (24, 6))]
        parts += [rod(p - (0, 0.03, 0), p + (0, 0.03, 0), 0.04, 8) for p in (front, rear)]
        if kind == "bicycle" and rng.random() < 0.6:
            for p in (front, rear):
                for a in np.linspace(0, np.pi, 6, endpoint=False):
                    d = np.array([np.cos(a), 0, np.sin(a)]) * wr
                    parts.append(rod(p - d, p + d, 0.004, 4))
    seat = np.array([-L * 0.12, 0, wr + u(0.45, 0.6)])
    bar = np.array([L * 0.36, 0, wr + u(0.5, 0.65)])
    crank = np.array([-L * 0.02, 0, wr])
    if kind == "motorbike":
        parts.append(ball((0, 0, wr + 0.25), 0.28, (1.6, 0.6, 0.7)))
        parts.append(ball((L * 0.12, 0, wr + 0.45), 0.17, (1.5, 0.8, 0.6)))
        parts.append(box((0.5, 0.22, 0.06), (-L * 0.22, 0, wr + 0.42)))
        parts += [
            rod(front, bar, tube),
            rod(bar - (0, 0.3, 0), bar + (0, 0.3, 0), 0.02),
            rod(rear, (0, 0, wr + 0.2), 0.03),
        ]
        parts.append(ball(bar + (0.08, 0, -0.08), 0.08))
        return assemble(parts)
    parts += [
        rod(rear, crank, tube),
        rod(crank, seat, tube),
        rod(rear, seat, tube),
        rod(seat, bar - (0.05, 0, 0.05), tube),
        rod(crank, bar - (0.05, 0, 0.05), tube),
        rod(front, bar, tube),
    ]
    parts.append(rod(bar - (0, 0.25, 0), bar + (0, 0.25, 0), 0.015))
    parts.append(box((0.2, 0.09, 0.04), seat + (0, 0, 0.03)))
    parts.append(ring(crank, 0.08, 0.01, (0, 1, 0), (12, 4)))
    if rng.random() < 0.3:
        parts.append(box((0.3, 0.18, 0.02), (rear[0], 0, wr + 0.35)))
    return assemble(parts)


def hand_tool(rng, kind="hammer"):
    u = rng.uniform
    L = u(0.3, 0.45) if kind in ("hammer", "screwdriver") else u(0.7, 1.3)
    r = u(0.012, 0.02)
    parts = [rod((0, 0, 0), (0, 0, L), r if kind != "screwdriver" else r * 0.35, 10)]
    if kind == "hammer":
        hl = u(0.12, 0.2)
        parts.append(box((hl, 0.03, 0.035), (0, 0, L)))
        parts.append(rod((hl / 2, 0, L), (hl / 2 + 0.04, 0, L), 0.02, 12))
        parts.append(
            slab(
                [(-hl / 2, -0.015), (-hl / 2 - 0.06, -0.03), (-hl / 2 - 0.06, 0.0), (-hl / 2, 0.015)],
                0.02,
                "xz",
            )
        )
        parts[-1].apply_translation((0, 0, L))
    elif kind == "axe":
        bl = u(0.12, 0.2)
        parts.append(
            slab(
                [
                    (0.03, -0.03),
                    (bl, -0.06 - u(0, 0.05)),
                    (bl, 0.06 + u(0, 0.04)),
                    (0.03, 0.03),
                    (-0.03, 0.02),
                    (-0.03, -0.02),
                ],
                0.02,
                "xz",
            )
        )
        parts[-1].apply_translation((0, 0, L * 0.93))
        if rng.random() < 0.3:
            parts.append(slab([(-0.02, -0.03), (-bl, -0.07), (-bl, 0.07), (-0.02, 0.03)], 0.02, "xz"))
            parts[-1].apply_translation((0, 0, L * 0.93))
    elif kind == "shovel":
        bw, bh = u(0.18, 0.25), u(0.22, 0.3)
        blade = slab(
            [(-bw / 2, 0), (bw / 2, 0), (bw / 2, -bh * 0.75), (0, -bh), (-bw / 2, -bh * 0.75)], 0.01, "xz"
        )
        v = blade.vertices.copy()
        v[:, 1] += 2.0 * v[:, 0] ** 2
        blade.vertices = v
        parts.append(blade)
        parts.append(cone((0, 0, -0.02), (0, 0, 0.12), 0.03, 10))
        if rng.random() < 0.6:
            parts += [
                rod((0, 0, L), (-0.05, 0, L + 0.1), 0.01),
                rod((0, 0, L), (0.05, 0, L + 0.1), 0.01),
                rod((-0.06, 0, L + 0.1), (0.06, 0, L + 0.1), 0.012),
            ]
    elif kind == "rake":
        w = u(0.3, 0.5)
        parts.append(box((w, 0.03, 0.03), (0, 0, 0)))
        for x in np.linspace(-w / 2 + 0.01, w / 2 - 0.01, int(rng.integers(8, 15))):
            parts.append(rod((x, 0, 0), (x, -0.03, -0.09), 0.004, 4))
    elif kind == "pickaxe":
        pts = arc((0, 0, L - 0.3), 0.32, np.radians(65), np.radians(115), 5, "xz")
        parts += chain(pts, 0.02, 8)
        parts += [
            cone(pts[0], pts[0] + (0.08, 0, -0.06), 0.02, 8),
            cone(pts[-1], pts[-1] + (-0.08, 0, -0.06), 0.02, 8),
        ]
    else:  # screwdriver
        parts.append(lathe([(0, -0.1), (0.015, -0.1), (0.018, -0.05), (0.015, 0.0), (0, 0.0)], 12))
        parts.append(slab([(-0.006, L), (0.006, L), (0.003, L + 0.02), (-0.003, L + 0.02)], 0.004, "xz"))
    return assemble(parts)


def blade(rng, kind="sword"):
    u = rng.uniform
    parts = []
    L = {
        "sword": u(0.8, 1.1),
        "dagger": u(0.22, 0.32),
        "knife": u(0.15, 0.22),
        "spear": u(0.15, 0.3),
        "machete": u(0.4, 0.55),
    }[kind]
    w = (
        L
        * {
            "sword": u(0.05, 0.07),
            "dagger": u(0.12, 0.16),
            "knife": u(0.12, 0.18),
            "spear": u(0.25, 0.35),
            "machete": u(0.12, 0.16),
        }[kind]
    )
    t = 0.008
    if kind in ("sword", "dagger", "spear"):
        poly = [(-w / 2, 0), (w / 2, 0), (w / 2, L * 0.85), (0, L), (-w / 2, L * 0.85)]
        if kind == "spear":
            poly = [(-w * 0.15, 0), (w * 0.15, 0), (w / 2, L * 0.3), (0, L), (-w / 2, L * 0.3)]
    else:
        poly = [(-w / 2, 0), (w / 2, 0), (w / 2, L * 0.7), (-w / 2 + w * 0.1, L), (-w / 2, L * 0.9)]
    parts.append(slab(poly, t, "xz"))
    if kind == "spear":
        sl = u(1.4, 2.0)
        parts.append(rod((0, 0, -sl), (0, 0, 0.02), 0.015, 8))
        if rng.random() < 0.5:
            parts.append(ring((0, 0, -0.02), 0.018, 0.006, sections=(10, 4)))
        return assemble(parts)
    grip = u(0.18, 0.25) if kind == "sword" else u(0.09, 0.12)
    if kind in ("sword", "dagger"):
        gw = w * u(3, 5)
        parts.append(box((gw, 0.025, 0.025), (0, 0, -0.0125)))
        parts.append(rod((0, 0, -0.025), (0, 0, -0.025 - grip), 0.013, 8))
        parts.append(ball((0, 0, -0.03 - grip), 0.022))
    else:
        parts.append(box((0.024, 0.018, grip), (0, 0, -grip / 2)))
        parts[-1].apply_translation((-w * 0.1, 0, 0))
    return assemble(parts)


def building(rng, kind="house"):
    u = rng.uniform
    parts = []

    def gable(w, d, z, rh, over=0.05):
        roof = slab([(-w / 2 - over, 0), (w / 2 + over, 0), (0, rh)], d + 2 * over, "xz")
        roof.apply_translation((0, 0, z))
        return roof

    if kind in ("house", "barn", "church"):
        w, d, h = u(1.0, 1.6), u(0.8, 1.2), u(0.6, 0.9)
        if kind == "church":
            w, d = u(0.8, 1.0), u(1.6, 2.2)
        parts.append(box((w, d, h), (0, 0, h / 2)))
        if kind == "barn":
            rh = u(0.4, 0.6)
            roof = slab(
                [(-w / 2 - 0.04, 0), (w / 2 + 0.04, 0), (w * 0.35, rh * 0.6), (0, rh), (-w * 0.35, rh * 0.6)],
                d + 0.08,
                "xz",
            )
            roof.apply_translation((0, 0, h))
            parts.append(roof)
            parts.append(box((w * 0.45, 0.03, h * 0.75), (0, -d / 2 - 0.015, h * 0.375)))
            parts.append(slab([(-w * 0.2, 0), (w * 0.2, 0), (0, 0.15)], 0.03, "xz", -d / 2 - 0.02))
            parts[-1].apply_translation((0, 0, h * 0.3))
        else:
            rh = u(0.3, 0.7)
            parts.append(gable(w, d, h, rh))
        if kind == "house":
            parts.append(box((0.2, 0.03, 0.4), (u(-w / 4, w / 4), -d / 2 - 0.015, 0.2)))
            for k in range(int(rng.integers(1, 4))):
                parts.append(box((0.18, 0.03, 0.16), (-w / 2 + w * (k + 0.5) / 3, -d / 2 - 0.015, h * 0.68)))
            if rng.random() < 0.6:
                parts.append(box((0.12, 0.12, rh + 0.1), (w * 0.25, d * 0.2, h + rh / 2 + 0.1)))
        if kind == "church":
            tw = w * u(0.45, 0.6)
            th = h + u(0.6, 1.0)
            parts.append(box((tw, tw, th), (0, -d / 2 - tw / 2 + 0.05, th / 2)))
            parts.append(
                cone(
                    (0, -d / 2 - tw / 2 + 0.05, th),
                    (0, -d / 2 - tw / 2 + 0.05, th + u(0.5, 0.9)),
                    tw * 0.7,
                    4,
                )
            )
            top = parts[-1].bounds[1][2]
            parts += [
                box((0.02, 0.02, 0.18), (0, -d / 2 - tw / 2 + 0.05, top + 0.09)),
                box((0.1, 0.02, 0.02), (0, -d / 2 - tw / 2 + 0.05, top + 0.12)),
            ]
        return assemble(parts)
    if kind == "skyscraper":
        w, d = u(0.3, 0.5), u(0.3, 0.5)
        z = 0.0
        for k in range(int(rng.integers(1, 4))):
            h = u(0.8, 1.6) / (k + 1)
            parts.append(box((w, d, h), (0, 0, z + h / 2)))
            z += h
            w, d = w * u(0.6, 0.85), d * u(0.6, 0.85)
        if rng.random() < 0.6:
            parts.append(rod((0, 0, z), (0, 0, z + u(0.2, 0.5)), 0.01, 6))
        return assemble(parts)
    if kind == "castle_tower":
        r, h = u(0.2, 0.3), u(0.8, 1.4)
        parts.append(disc(r, 0, h, sections=20))
        parts.append(disc(r * 1.15, h, h + 0.06, sections=20))
        for k in range(10):
            a = 2 * np.pi * k / 10
            parts.append(box((0.06, 0.06, 0.08), (r * 1.05 * np.cos(a), r * 1.05 * np.sin(a), h + 0.1)))
        if rng.random() < 0.4:
            parts.append(cone((0, 0, h + 0.06), (0, 0, h + u(0.4, 0.6)), r * 1.15, 20))
        parts.append(box((0.12, 0.05, 0.2), (0, -r, 0.1)))
        return assemble(parts)
    if kind == "lighthouse":
        r, h = u(0.12, 0.18), u(1.0, 1.5)
        parts.append(lathe([(0, 0), (r, 0), (r * 0.65, h), (0, h)], 20))
        parts += [disc(r * 0.9, h, h + 0.03), disc(r * 0.5, h + 0.03, h + 0.15, sections=8)]
        parts.append(ring((0, 0, h + 0.06), r * 0.85, 0.006, sections=(16, 4)))
        parts.append(cone((0, 0, h + 0.15), (0, 0, h + 0.25), r * 0.55, 16))
        for z in np.linspace(h * 0.2, h * 0.8, int(rng.integers(0, 4))):
            parts.append(ring((0, 0, z), r * (1 - 0.35 * z / h) + 0.004, 0.01, sections=(20, 4)))
        return assemble(parts)
    # windmill
    r, h = u(0.2, 0.3), u(0.8, 1.1)
    parts.append(lathe([(0, 0), (r, 0), (r * 0.6, h), (0, h)], 8))
    parts.append(cone((0, 0, h), (0, 0, h + 0.2), r * 0.7, 8))
    hub = np.array([0, -r * 0.7, h])
    parts.append(rod(hub + (0, 0.1, 0), hub, 0.03))
    a0 = u(0, np.pi / 2)
    for k in range(4):
        a = a0 + np.pi / 2 * k
        dvec = np.array([np.cos(a), 0, np.sin(a)])
        bl = u(0.55, 0.75)
        sail = box((0.15, 0.01, bl), (0, 0, bl / 2 + 0.05))
        sail.apply_transform(trimesh.transformations.rotation_matrix(-a + np.pi / 2, (0, 1, 0)))
        sail.apply_translation(hub)
        parts += [sail, rod(hub, hub + dvec * (bl + 0.05), 0.01, 6)]
    return assemble(parts)


def shelter(rng, kind="tent"):
    u = rng.uniform
    parts = []
    if kind == "tent":
        w, d, h = u(0.9, 1.3), u(1.3, 2.0), u(0.7, 1.0)
        parts.append(slab([(-w / 2, 0), (w / 2, 0), (0, h)], d, "xz"))
        parts.append(slab([(-0.15, 0), (0.15, 0), (0, h * 0.6)], 0.02, "xz", -d / 2 - 0.01))
        if rng.random() < 0.6:
            parts += [rod((0, s * d / 2, h), (0, s * (d / 2 + 0.3), 0), 0.005, 4) for s in (-1, 1)]
    elif kind == "dome_tent":
        r = u(0.7, 1.1)
        hh = r * u(0.6, 0.85)
        pts = [(r * np.cos(t), hh * np.sin(t)) for t in np.linspace(0, np.pi / 2, 6)]
        parts.append(lathe([(0, 0)] + pts[:-1] + [(0, hh)], 8))
        parts.append(box((0.4, 0.3, 0.45), (0, -r * 0.9, 0.22)))
    elif kind == "tipi":
        r, h = u(0.6, 0.9), u(1.4, 2.0)
        parts.append(cone((0, 0, 0), (0, 0, h), r, 10))
        for k in range(6):
            a = 2 * np.pi * k / 6 + 0.3
            parts.append(rod((0, 0, h * 0.9), (0.15 * np.cos(a), 0.15 * np.sin(a), h * 1.12), 0.01, 4))
        parts.append(slab([(-0.15, 0), (0.15, 0), (0, 0.5)], 0.02, "xz", -r * 0.72))
    else:  # gazebo
        n = int(rng.choice([4, 6, 8]))
        r, h = u(0.7, 1.0), u(0.9, 1.2)
        parts.append(disc(r * 1.1, 0, 0.08, sections=n))
        for k in range(n):
            a = 2 * np.pi * (k + 0.5) / n
            parts.append(
                rod((r * np.cos(a), r * np.sin(a), 0.08), (r * np.cos(a), r * np.sin(a), h), 0.03, 6)
            )
        parts.append(cone((0, 0, h), (0, 0, h + u(0.4, 0.7)), r * 1.25, n))
        if rng.random() < 0.5:
            parts.append(ring((0, 0, 0.45), r, 0.015, sections=(n, 4)))
    return assemble(parts)


def tree(rng, kind="tree"):
    u = rng.uniform
    parts = []
    if kind == "cactus":
        h, r = u(1.0, 1.6), u(0.12, 0.18)
        parts.append(capsule((0, 0, r), (0, 0, h), r))
        for k in range(int(rng.integers(1, 4))):
            s = 1 if k % 2 == 0 else -1
            z = u(0.3, 0.7) * h
            out = u(0.25, 0.35)
            top = z + u(0.2, 0.4)
            parts += [
                capsule((0, 0, z), (s * out, 0, z), r * 0.7),
                capsule((s * out, 0, z), (s * out, 0, top), r * 0.7),
            ]
        return assemble(parts)
    if kind == "bush":
        for _ in range(int(rng.integers(4, 9))):
            parts.append(ball((u(-0.35, 0.35), u(-0.35, 0.35), u(0.15, 0.35)), u(0.18, 0.3)))
        return assemble(parts)
    h = u(1.0, 1.6) if kind != "palm_tree" else u(1.6, 2.4)
    if kind == "palm_tree":
        bend = u(0.1, 0.5)
        pts = np.array([(bend * (t**2), 0, h * t) for t in np.linspace(0, 1, 6)])
        parts += chain(pts, 0.05, 8)
        top = pts[-1]
        for k in range(int(rng.integers(5, 9))):
            a = 2 * np.pi * k / 7 + u(-0.2, 0.2)
            d = np.array([np.cos(a), np.sin(a), 0])
            fl = u(0.6, 0.9)
            leaf = [top, top + d * fl * 0.5 + (0, 0, 0.12), top + d * fl + (0, 0, -0.25)]
            for p0, p1 in zip(leaf[:-1], leaf[1:]):
                m = box((np.linalg.norm(p1 - p0), 0.14, 0.01), (0, 0, 0))
                m.apply_transform(trimesh.geometry.align_vectors((1, 0, 0), p1 - p0))
                m.apply_translation((p0 + p1) / 2)
                parts.append(m)
        return assemble(parts)
    trunk = u(0.35, 0.5) * h if kind == "tree" else u(0.1, 0.2) * h
    r = u(0.04, 0.08)
    parts.append(
        cone((0, 0, 0), (0, 0, trunk + 0.2), r, 10)
        if kind == "pine_tree"
        else rod((0, 0, 0), (0, 0, trunk + 0.1), r, 10)
    )
    if kind == "pine_tree":
        n = int(rng.integers(2, 5))
        w = u(0.35, 0.5)
        for k in range(n):
            z0 = trunk + (h - trunk) * k / (n + 1) * 1.0
            parts.append(cone((0, 0, z0), (0, 0, z0 + (h - trunk) * 2 / (n + 1)), w * (1 - 0.6 * k / n), 12))
        return assemble(parts)
    R = u(0.35, 0.55)
    for _ in range(int(rng.integers(3, 7))):
        parts.append(ball((u(-R, R) * 0.5, u(-R, R) * 0.5, trunk + R * u(0.6, 1.4)), R * u(0.5, 0.8)))
    if rng.random() < 0.5:
        parts.append(rod((0, 0, trunk * 0.8), (R * 0.6, 0, trunk + R * 0.6), r * 0.5, 6))
    return assemble(parts)


def plant(rng, kind="flower"):
    u = rng.uniform
    parts = []
    if kind == "mushroom":
        h, r = u(0.1, 0.25), u(0.1, 0.22)
        parts.append(lathe([(0, 0), (r * 0.3, 0), (r * 0.25, h), (0, h)], 16))
        dome = [(r * np.sin(t), h + r * 0.6 * np.cos(t)) for t in np.linspace(1.57, 0.3, 4)]
        parts.append(lathe([(0, h), (r * 0.9, h - 0.01), (r, h), *dome, (0, h + r * 0.6)], 20))
        return assemble(parts)
    if kind == "potted_plant":
        pr, ph = u(0.1, 0.15), u(0.12, 0.2)
        parts.append(lathe(cup_profile(pr * 0.7, pr, ph, 0.01), 16))
        for k in range(int(rng.integers(5, 10))):
            a = u(0, 2 * np.pi)
            d = np.array([np.cos(a), np.sin(a), 0])
            tip = d * u(0.1, 0.25) + (0, 0, ph + u(0.15, 0.4))
            leaf = ball((0, 0, 0), 1.0, (np.linalg.norm(tip - (0, 0, ph)) / 2, 0.03, 0.005))
            leaf.apply_transform(trimesh.geometry.align_vectors((1, 0, 0), tip - (0, 0, ph)))
            leaf.apply_translation(((0, 0, ph) + tip) / 2)
            parts.append(leaf)
        return assemble(parts)
    h = u(0.3, 0.5)
    parts.append(rod((0, 0, 0), (0, 0, h), 0.006, 6))
    n = int(rng.integers(5, 9))
    pl = u(0.04, 0.07)
    for k in range(n):
        a = 2 * np.pi * k / n
        parts.append(ball((0, 0, 0), 1.0, (pl * 0.6, 0.006, pl * 0.3)))
        parts[-1].apply_transform(trimesh.transformations.rotation_matrix(a, (0, 1, 0)))
        parts[-1].apply_translation((pl * 0.7 * np.cos(a), -0.005, h + pl * 0.7 * np.sin(a)))
    parts.append(ball((0, -0.01, h), pl * 0.35))
    for s in (-1, 1):
        leaf = ball((0, 0, 0), 1.0, (0.05, 0.004, 0.015))
        leaf.apply_transform(trimesh.transformations.rotation_matrix(-s * 0.6, (0, 1, 0)))
        leaf.apply_translation((s * 0.04, 0, h * u(0.3, 0.6)))
        parts.append(leaf)
    return assemble(parts)


ANIMALS = {
    # body length, body radius, leg length, neck length, neck angle (deg), head size, tail
    "dog": (0.7, 0.14, 0.3, 0.15, 50, 0.1, 0.25),
    "cat": (0.55, 0.1, 0.2, 0.05, 40, 0.09, 0.35),
    "horse": (1.1, 0.22, 0.75, 0.45, 55, 0.12, 0.4),
    "cow": (1.2, 0.3, 0.55, 0.1, 20, 0.14, 0.45),
    "giraffe": (0.9, 0.2, 1.0, 1.1, 70, 0.1, 0.3),
    "elephant": (1.4, 0.45, 0.75, 0.05, 10, 0.3, 0.3),
    "rabbit": (0.4, 0.13, 0.08, 0.02, 40, 0.09, 0.04),
}


def quadruped(rng, kind="dog"):
    u = rng.uniform
    L, R, leg, neck, nang, head, tail = (v * u(0.85, 1.15) for v in ANIMALS[kind])
    parts = []
    z = leg + R * 0.8
    parts.append(capsule((-L / 2, 0, z), (L / 2, 0, z), R, (10, 8)))
    lr = R * (0.22 if kind != "elephant" else 0.35)
    for x in (-L / 2 + R * 0.3, L / 2 - R * 0.3):
        for y in (-R * 0.55, R * 0.55):
            knee = (x + u(-0.04, 0.04), y, leg * 0.5)
            parts += [capsule((x, y, z), knee, lr, (6, 6)), capsule(knee, (x, y, lr), lr * 0.85, (6, 6))]
    a = np.radians(nang + u(-10, 10))
    n0 = np.array([L / 2 + R * 0.3, 0, z + R * 0.3])
    n1 = n0 + (neck + R) * np.array([np.cos(a), 0, np.sin(a)])
    parts.append(capsule(n0, n1, R * (0.45 if kind != "elephant" else 0.7), (6, 6)))
    hs = (1.6, 0.9, 0.9) if kind in ("horse", "giraffe", "cow") else (1.2, 1.0, 1.0)
    parts.append(ball(n1 + (head * 0.4, 0, 0), head, hs))
    hp = n1 + (head * 0.4, 0, 0)
    if kind == "elephant":
        pts = np.array(
            [
                hp + (head * 0.9, 0, -head * 0.2),
                hp + (head * 1.2, 0, -head * 1.2),
                hp + (head * 1.1, 0, -head * 2.2),
            ]
        )
        parts += [capsule(p0, p1, head * 0.18, (6, 6)) for p0, p1 in zip(pts[:-1], pts[1:])]
        parts += [ball(hp + (-head * 0.2, s * head * 0.9, 0), head * 0.8, (0.5, 0.15, 1.0)) for s in (-1, 1)]
        parts += [
            cone(
                hp + (head * 0.7, s * head * 0.4, -head * 0.5),
                hp + (head * 1.3, s * head * 0.4, -head * 0.3),
                head * 0.1,
                6,
            )
            for s in (-1, 1)
        ]
    elif kind == "rabbit":
        parts += [
            ball(hp + (-head * 0.3, s * head * 0.4, head * 1.6), head, (0.35, 0.15, 1.0)) for s in (-1, 1)
        ]
    elif kind == "giraffe":
        parts += [
            rod(
                hp + (-head * 0.3, s * head * 0.3, head * 0.5),
                hp + (-head * 0.4, s * head * 0.35, head * 1.2),
                head * 0.1,
                6,
            )
            for s in (-1, 1)
        ]
    elif kind == "cow":
        parts += [
            cone(
                hp + (-head * 0.2, s * head * 0.6, head * 0.5),
                hp + (-head * 0.2, s * head * 1.5, head * 0.9),
                head * 0.15,
                6,
            )
            for s in (-1, 1)
        ]
    else:
        parts += [
            cone(
                hp + (-head * 0.3, s * head * 0.5, head * 0.6),
                hp + (-head * 0.4, s * head * 0.6, head * 1.4),
                head * 0.3,
                6,
            )
            for s in (-1, 1)
        ]
    t0 = np.array([-L / 2 - R * 0.6, 0, z + R * 0.3])
    ta = np.radians(u(-40, 40) if kind not in ("cat",) else u(30, 80))
    if tail > 0.05:
        parts.append(capsule(t0, t0 + tail * np.array([-np.cos(ta), 0, np.sin(ta)]), R * 0.12, (6, 4)))
    else:
        parts.append(ball(t0, R * 0.4))
    return assemble(parts)


def bird(rng, kind="standing_bird"):
    u = rng.uniform
    parts = []
    L, R = u(0.25, 0.35), u(0.08, 0.11)
    if kind == "penguin":
        h = u(0.5, 0.7)
        parts.append(ball((0, 0, h * 0.45), h * 0.45, (0.55, 0.5, 1.0)))
        parts.append(ball((0.02, 0, h * 0.95), h * 0.14))
        parts.append(cone((h * 0.12, 0, h * 0.95), (h * 0.25, 0, h * 0.93), h * 0.03, 6))
        parts += [ball((0, s * h * 0.25, h * 0.5), h * 0.25, (0.3, 0.1, 1.0)) for s in (-1, 1)]
        parts += [ball((0.05, s * 0.06, 0.015), 0.05, (1.2, 0.7, 0.3)) for s in (-1, 1)]
        return assemble(parts)
    z = u(0.15, 0.35) if kind == "standing_bird" else (0.06 if kind == "duck" else 0.0)
    tilt = np.radians(u(15, 35)) if kind == "standing_bird" else 0.0
    body = ball((0, 0, 0), R, (L / R / 2, 1.0, 0.85))
    body.apply_transform(trimesh.transformations.rotation_matrix(-tilt, (0, 1, 0)))
    body.apply_translation((0, 0, z + R))
    parts.append(body)
    head = np.array(
        [
            L / 2 * np.cos(tilt) + R * 0.3,
            0,
            z + R + L / 2 * np.sin(tilt) + R * (0.9 if kind != "duck" else 0.8),
        ]
    )
    parts.append(ball(head, R * 0.55))
    bl = R * (0.8 if kind != "duck" else 0.7)
    parts.append(
        cone(
            head + (R * 0.4, 0, 0),
            head + (R * 0.4 + bl, 0, -R * 0.1),
            R * (0.18 if kind != "duck" else 0.25),
            6,
        )
    )
    parts.append(
        slab(
            [(-L / 2 + 0.02, 0), (-L / 2 - u(0.08, 0.15), 0.05), (-L / 2 - u(0.08, 0.15), -0.05)],
            0.01,
            "xy",
            z + R + 0.01,
        )
    )
    if kind == "standing_bird":
        for s in (-1, 1):
            parts += [
                rod((0, s * R * 0.4, z + R * 0.3), (u(-0.02, 0.02), s * R * 0.4, 0), 0.006, 4),
                box((0.06, 0.01, 0.005), (0.02, s * R * 0.4, 0.003)),
            ]
    if kind == "flying_bird":
        span = u(0.5, 0.8)
        up = u(-0.1, 0.2)
        for s in (-1, 1):
            parts.append(
                slab(
                    [(0.05, 0), (-0.08, 0), (-0.12, s * span / 2), (-0.02, s * span / 2 * 0.9)],
                    0.01,
                    "xy",
                    z + R * 1.1,
                )
            )
            v = parts[-1].vertices.copy()
            v[:, 2] += up * np.abs(v[:, 1]) * 2
            parts[-1].vertices = v
    return assemble(parts)


def fish(rng, kind="fish"):
    u = rng.uniform
    L = {"fish": u(0.4, 0.6), "shark": u(1.4, 2.0), "whale": u(2.5, 3.5), "dolphin": u(1.5, 2.0)}[kind]
    H = (
        L
        * {"fish": u(0.2, 0.35), "shark": u(0.1, 0.13), "whale": u(0.15, 0.2), "dolphin": u(0.1, 0.12)}[kind]
    )
    Wd = H * (0.35 if kind == "fish" else 0.9)
    parts = [ball((0, 0, 0), 1.0, (L / 2, Wd, H / 2), 2)]
    if kind == "dolphin":
        parts.append(cone((L * 0.45, 0, 0), (L * 0.6, 0, -H * 0.05), H * 0.15, 8))
    if kind == "whale":
        parts.append(
            slab(
                [
                    (-L / 2 + 0.1, 0),
                    (-L / 2 - L * 0.12, L * 0.12),
                    (-L / 2 - L * 0.08, 0),
                    (-L / 2 - L * 0.12, -L * 0.12),
                ],
                0.03,
            )
        )
    else:
        tl = L * u(0.18, 0.28)
        parts.append(
            slab(
                [
                    (-L / 2 + 0.05 * L, 0),
                    (-L / 2 - tl, tl * u(0.6, 1.0)),
                    (-L / 2 - tl * 0.7, 0),
                    (-L / 2 - tl, -tl * u(0.4, 1.0)),
                ],
                Wd * 0.15,
                "xz",
            )
        )
        fh = H * (u(0.3, 0.5) if kind == "fish" else u(0.5, 0.8))
        parts.append(
            slab([(L * 0.1, H * 0.4), (-L * 0.15, H * 0.4 + fh), (-L * 0.2, H * 0.4)], Wd * 0.12, "xz")
        )
    for s in (-1, 1):
        fin = slab(
            [(0, 0), (-L * 0.12, L * 0.15 if kind != "fish" else L * 0.06), (-L * 0.08, 0)],
            0.01,
            "xy",
            -H * 0.2,
        )
        v = fin.vertices.copy()
        v[:, 1] = s * v[:, 1] + s * Wd * 0.8
        fin.vertices = v
        fin.fix_normals()
        parts.append(fin)
    parts += [ball((L * 0.35, s * Wd * 0.75, H * 0.12), H * 0.05) for s in (-1, 1)]
    mesh = assemble(parts)
    mesh.apply_translation((0, 0, H / 2 + 0.05))
    return mesh


def reptile(rng, kind="snake"):
    u = rng.uniform
    parts = []
    if kind == "snake":
        n, L = 14, u(1.2, 1.8)
        amp, waves, r = u(0.1, 0.2), u(1.0, 2.0), u(0.03, 0.05)
        t = np.linspace(0, 1, n)
        pts = np.stack([L * (t - 0.5), amp * np.sin(2 * np.pi * waves * t + u(0, 6)), r + 0 * t], 1)
        if rng.random() < 0.5:
            pts[-3:, 2] += np.array([0.05, 0.12, 0.18])
        parts += [
            capsule(a, b, r * (0.5 + 0.5 * k / n), (6, 6)) for k, (a, b) in enumerate(zip(pts[:-1], pts[1:]))
        ]
        parts.append(ball(pts[-1] + (0.03, 0, 0), r * 1.4, (1.5, 1.0, 0.7)))
        return assemble(parts)
    if kind == "crocodile":
        L, R = u(1.5, 2.0), u(0.1, 0.14)
        parts.append(capsule((-L * 0.2, 0, R * 1.2), (L * 0.15, 0, R * 1.2), R, (8, 8)))
        parts.append(ball((0, 0, 0), 1.0, (L * 0.12, R * 1.0, R * 0.7)))
        parts[-1].apply_translation((L * 0.15 + L * 0.12, 0, R * 1.2))
        parts.append(
            slab(
                [(L * 0.3, R * 0.5), (L * 0.5, R * 0.2), (L * 0.5, -R * 0.2), (L * 0.3, -R * 0.5)],
                R * 0.4,
                offset=R * 1.1,
            )
        )
        parts.append(cone((-L * 0.2, 0, R * 1.2), (-L * 0.55, u(-0.2, 0.2), R * 0.5), R * 0.8, 8))
        for x in (-L * 0.15, L * 0.12):
            parts += [
                capsule((x, s * R * 0.8, R * 1.0), (x + 0.05, s * R * 1.8, R * 0.2), R * 0.25, (6, 6))
                for s in (-1, 1)
            ]
        return assemble(parts)
    R = u(0.25, 0.35)
    flat = u(0.3, 0.4) if kind == "sea_turtle" else u(0.5, 0.7)
    parts.append(
        lathe(
            [(0, 0)]
            + [(R * np.cos(t), R * flat * np.sin(t)) for t in np.linspace(0, np.pi / 2, 6)][:-1]
            + [(0, R * flat)],
            16,
        )
    )
    parts[-1].apply_scale((1.2, 1.0, 1.0))
    parts[-1].apply_translation((0, 0, 0.06))
    parts.append(ball((R * 1.35, 0, 0.1), R * 0.25, (1.3, 0.9, 0.8)))
    for x in (-R * 0.7, R * 0.7):
        for s in (-1, 1):
            if kind == "sea_turtle":
                fl = slab(
                    [
                        (0, 0),
                        (x * 0.3 + (0.1 if x > 0 else -0.1), s * R * (1.1 if x > 0 else 0.6)),
                        (x * 0.2, s * R * 0.2),
                    ],
                    0.02,
                    "xy",
                    0.06,
                )
                fl.apply_translation((x, s * R * 0.6, 0))
                parts.append(fl)
            else:
                parts.append(capsule((x, s * R * 0.7, 0.08), (x * 1.1, s * R * 0.85, 0.02), R * 0.13, (6, 6)))
    parts.append(cone((-R * 1.1, 0, 0.07), (-R * 1.4, 0, 0.05), R * 0.1, 6))
    return assemble(parts)


def bug(rng, kind="ant"):
    u = rng.uniform
    parts = []
    z = u(0.1, 0.15)
    if kind == "butterfly":
        parts.append(capsule((-0.12, 0, z), (0.1, 0, z), 0.015))
        up = u(0.0, 0.6)
        for s in (-1, 1):
            for x0, x1, w in ((0.02, 0.16, u(0.2, 0.3)), (-0.02, -0.12, u(0.14, 0.2))):
                wing = slab([(0, 0), (x1, w * 0.6), (x1 * 0.6, w), (x0 * 0.5, w * 0.8)], 0.005, "xy")
                v = wing.vertices.copy()
                v[:, 1] *= s
                v[:, 2] = v[:, 2] + up * np.abs(v[:, 1]) + z
                wing.vertices = v
                wing.fix_normals()
                parts.append(wing)
        parts += [rod((0.1, 0, z), (0.2, s * 0.06, z + 0.1), 0.003, 4) for s in (-1, 1)]
        return assemble(parts)
    sizes = {
        "ant": [(0.07, 0.06), (-0.05, 0.05), (-0.18, 0.09)],
        "spider": [(0.05, 0.07), (-0.12, 0.12)],
        "beetle": [(0.12, 0.05), (0.0, 0.14)],
    }[kind]
    for x, r in sizes:
        parts.append(
            ball(
                (x, 0, z + (0.02 if kind == "spider" and x < 0 else 0)),
                r,
                (1.2 if kind != "beetle" else 1.3, 0.9, 0.7),
            )
        )
    n = 8 if kind == "spider" else 6
    reach = {"ant": 0.22, "spider": 0.35, "beetle": 0.18}[kind]
    hx = sizes[0][0] if kind == "spider" else (sizes[1][0] if kind == "ant" else 0.0)
    for k in range(n // 2):
        ang = np.radians(-50 + 100 * k / (n // 2 - 1))
        for s in (-1, 1):
            knee = np.array(
                [hx + reach * 0.5 * np.sin(ang), s * reach * 0.5 * np.cos(ang), z + reach * u(0.3, 0.5)]
            )
            foot = np.array([hx + reach * np.sin(ang) * 1.1, s * reach * np.cos(ang), 0.0])
            parts += [rod((hx, 0, z), knee, 0.006, 4), rod(knee, foot, 0.005, 4)]
    if kind in ("ant", "beetle"):
        front = sizes[0][0] + sizes[0][1]
        parts += [rod((front, 0, z), (front + 0.12, s * 0.08, z + 0.1), 0.004, 4) for s in (-1, 1)]
    if kind == "beetle" and rng.random() < 0.5:
        parts.append(cone((0.15, 0, z), (0.27, 0, z + 0.08), 0.02, 6))
    return assemble(parts)


def screen(rng, kind="tv"):
    u = rng.uniform
    parts = []
    if kind == "laptop":
        w, d = u(0.3, 0.38), u(0.2, 0.26)
        parts.append(box((w, d, 0.02), (0, 0, 0.01)))
        parts.append(box((w * 0.85, d * 0.4, 0.004), (0, 0.02, 0.022)))
        lid = box((w, 0.01, d), (0, 0, d / 2))
        lid.apply_transform(trimesh.transformations.rotation_matrix(np.radians(u(-35, -5)), (1, 0, 0)))
        lid.apply_translation((0, d / 2, 0.02))
        parts.append(lid)
        return assemble(parts)
    if kind == "cell_phone":
        h, w = u(0.13, 0.16), u(0.06, 0.075)
        ph = box((w, 0.008, h), (0, 0, 0))
        parts += [ph, box((w * 0.9, 0.002, h * 0.8), (0, -0.005, 0.005))]
        m = assemble(parts)
        m.apply_transform(trimesh.transformations.rotation_matrix(np.radians(u(-20, -10)), (1, 0, 0)))
        m.apply_translation((0, 0, h / 2 + 0.01))
        return m
    w = u(0.9, 1.3) if kind == "tv" else u(0.45, 0.6)
    h = w * (u(0.55, 0.62) if kind == "tv" else u(0.6, 0.8))
    t = u(0.03, 0.06) if kind == "tv" else u(0.02, 0.04)
    z0 = u(0.06, 0.1) if kind == "tv" else u(0.12, 0.2)
    parts.append(box((w, t, h), (0, 0, z0 + h / 2)))
    parts.append(box((w * 0.93, 0.005, h * 0.9), (0, -t / 2 - 0.002, z0 + h / 2)))
    if kind == "tv" and rng.random() < 0.5:
        parts += [
            rod((s * w * 0.4, 0, z0), (s * w * 0.45, dy, 0), 0.01, 6) for s in (-1, 1) for dy in (-0.08, 0.08)
        ]
    else:
        parts.append(box((0.05, 0.03, z0 + h * 0.3), (0, t / 2 + 0.02, (z0 + h * 0.3) / 2)))
        parts.append(box((w * (0.3 if kind == "tv" else 0.4), u(0.15, 0.22), 0.015), (0, 0.02, 0.0075)))
    if kind == "computer_monitor" and rng.random() < 0.4:
        parts.append(box((w * 0.9, 0.15, 0.02), (0, -0.2, 0.01)))
    return assemble(parts)


def instrument(rng, kind="guitar"):
    u = rng.uniform
    parts = []
    if kind == "drum":
        r, h = u(0.2, 0.3), u(0.2, 0.35)
        parts += [
            disc(r, 0.0, h),
            ring((0, 0, h), r, 0.012, sections=(24, 4)),
            ring((0, 0, 0.0), r, 0.012, sections=(24, 4)),
        ]
        for k in range(8):
            a = 2 * np.pi * k / 8
            parts.append(
                rod(
                    (r * np.cos(a) * 1.02, r * np.sin(a) * 1.02, 0.02),
                    (r * np.cos(a) * 1.02, r * np.sin(a) * 1.02, h - 0.02),
                    0.006,
                    4,
                )
            )
        if rng.random() < 0.7:
            parts += [
                rod((s * 0.05, -r * 0.3, h + 0.01), (s * 0.2, -r - 0.25, h + 0.08), 0.008, 6) for s in (-1, 1)
            ]
        return assemble(parts)
    if kind == "piano":
        w, d, h = u(1.3, 1.6), u(0.5, 0.65), u(1.0, 1.3)
        parts.append(box((w, d * 0.45, h), (0, d * 0.27, h / 2)))
        parts.append(box((w, d * 0.55, 0.06), (0, -d * 0.1, 0.72)))
        parts.append(box((w * 0.9, d * 0.25, 0.02), (0, -d * 0.22, 0.76)))
        parts += [box((0.06, 0.06, 0.7), (s * (w / 2 - 0.03), -d * 0.3, 0.35)) for s in (-1, 1)]
        parts.append(box((0.5, 0.05, 0.25), (0, 0.02, h - 0.05)))
        return assemble(parts)
    L = u(0.9, 1.05) if kind == "guitar" else u(0.55, 0.62)
    rb = L * (u(0.17, 0.2) if kind == "guitar" else u(0.13, 0.15))
    t = rb * (0.45 if kind == "guitar" else 0.35)
    parts.append(rod((0, -t / 2, rb), (0, t / 2, rb), rb, 20))
    parts.append(rod((0, -t / 2, rb * 2.35), (0, t / 2, rb * 2.35), rb * u(0.75, 0.85), 20))
    if kind == "violin":
        parts.append(rod((0, -t / 2, rb * 1.65), (0, t / 2, rb * 1.65), rb * 0.55, 16))
    parts.append(rod((0, -t / 2 - 0.004, rb * 1.8), (0, -t / 2, rb * 1.8), rb * 0.3, 16))
    neck0 = rb * 2.9
    parts.append(box((rb * 0.35, t * 0.6, L - neck0), (0, 0, neck0 + (L - neck0) / 2)))
    if kind == "guitar":
        parts.append(box((rb * 0.55, t * 0.5, L * 0.12), (0, 0, L + L * 0.06)))
    else:
        parts.append(ring((0, 0, L + 0.03), 0.025, 0.01, axis=(1, 0, 0), sections=(10, 4)))
        if rng.random() < 0.5:
            parts.append(rod((rb * 1.3, -t, 0.0), (rb * 0.3, -t, L * 1.2), 0.006, 4))
    return assemble(parts)


def container(rng, kind="barrel"):
    u = rng.uniform
    parts = []
    if kind == "mailbox":
        ph, w, L = u(0.9, 1.1), u(0.18, 0.25), u(0.4, 0.5)
        parts.append(box((0.07, 0.07, ph), (0, 0, ph / 2)))
        parts.append(box((L, w, w * 0.6), (0, 0, ph + w * 0.3)))
        parts.append(rod((-L / 2, 0, ph + w * 0.6), (L / 2, 0, ph + w * 0.6), w / 2, 16))
        parts += [
            box((0.01, 0.02, 0.2), (0.1, -w / 2 - 0.01, ph + 0.15)),
            box((0.08, 0.02, 0.05), (0.14, -w / 2 - 0.01, ph + 0.23)),
        ]
        return assemble(parts)
    if kind == "trash_can":
        r, h = u(0.18, 0.25), u(0.5, 0.7)
        parts.append(lathe([(0, 0), (r * 0.85, 0), (r, h), (0, h)], 20))
        parts.append(
            lathe(
                [
                    (0, h),
                    (r * 1.05, h),
                    (r * 1.05, h + 0.03),
                    (r * 0.5, h + u(0.05, 0.15)),
                    (0, h + u(0.05, 0.15)),
                ],
                20,
            )
        )
        if rng.random() < 0.5:
            parts.append(box((0.12, 0.08, 0.02), (0, -r * 0.95, 0.02)))
        else:
            parts.append(ring((0, 0, h + 0.12), 0.05, 0.01, (0, 1, 0), (10, 4)))
        return assemble(parts)
    if kind == "barrel":
        r, h = u(0.25, 0.32), u(0.7, 0.9)
        parts.append(lathe([(0, 0), (r * 0.85, 0), (r, h * 0.5), (r * 0.85, h), (0, h)], 20))
        for z in (0.1, 0.3, 0.7, 0.9):
            rz = r * (0.85 + 0.15 * (1 - abs(z - 0.5) * 2)) + 0.005
            parts.append(ring((0, 0, z * h), rz, 0.012, sections=(24, 4)))
        return assemble(parts)
    w, d, h = u(0.5, 0.8), u(0.35, 0.5), u(0.35, 0.5)
    parts.append(box((w, d, h), (0, 0, h / 2)))
    if kind == "crate":
        for y in (-d / 2 - 0.01, d / 2 + 0.01):
            parts += [box((w, 0.02, 0.06), (0, y, z)) for z in (0.03, h / 2, h - 0.03)]
            slant = box((np.hypot(w, h) * 0.9, 0.02, 0.06), (0, y, h / 2))
            slant.apply_transform(
                trimesh.transformations.rotation_matrix(np.arctan2(h, w), (0, 1, 0), (0, y, h / 2))
            )
            parts.append(slant)
    else:  # treasure_chest
        parts.append(rod((-w / 2, 0, h), (w / 2, 0, h), d / 2, 16))
        for x in (-w * 0.35, w * 0.35):
            parts.append(ring((x, 0, h), d / 2 + 0.01, 0.012, (1, 0, 0), (16, 4)))
            parts.append(box((0.03, d + 0.02, h), (x, 0, h / 2)))
        parts.append(box((0.08, 0.03, 0.1), (0, -d / 2 - 0.015, h)))
    return assemble(parts)


def barrier(rng, kind="ladder"):
    u = rng.uniform
    parts = []
    if kind == "ladder":
        h, w = u(1.5, 2.5), u(0.35, 0.5)
        parts += [box((0.04, 0.06, h), (s * w / 2, 0, h / 2)) for s in (-1, 1)]
        parts += [rod((-w / 2, 0, z), (w / 2, 0, z), 0.015, 8) for z in np.arange(0.25, h, u(0.25, 0.32))]
        m = assemble(parts)
        m.apply_transform(trimesh.transformations.rotation_matrix(np.radians(u(0, 15)), (1, 0, 0)))
        return m
    if kind == "door":
        h, w = u(1.9, 2.1), u(0.8, 0.95)
        parts.append(box((w, 0.05, h), (0, 0, h / 2)))
        parts += [box((w + 0.16, 0.1, 0.08), (0, 0, h + 0.04))] + [
            box((0.08, 0.1, h), (s * (w / 2 + 0.04), 0, h / 2)) for s in (-1, 1)
        ]
        parts.append(ball((w * 0.38, -0.06, h * 0.48), 0.03))
        for k in range(int(rng.integers(0, 3))):
            parts += [
                box((w * 0.3, 0.015, h * 0.3), (s * w * 0.2, -0.03, h * (0.25 + 0.4 * k))) for s in (-1, 1)
            ]
        return assemble(parts)
    n = int(rng.integers(3, 6))
    span = u(0.9, 1.3) if kind == "fence" else u(1.0, 1.6)
    h = u(0.8, 1.2) if kind == "fence" else u(1.2, 1.8)
    if kind == "fence":
        W = span * (n - 1)
        parts += [box((0.08, 0.08, h), (x, 0, h / 2)) for x in np.linspace(-W / 2, W / 2, n)]
        parts += [box((W, 0.03, 0.08), (0, 0.05, z)) for z in (h * 0.3, h * 0.75)]
        if rng.random() < 0.6:
            for x in np.arange(-W / 2 + 0.1, W / 2, 0.15):
                parts.append(
                    slab(
                        [(-0.04, 0), (0.04, 0), (0.04, h * 0.9), (0, h), (-0.04, h * 0.9)], 0.02, "xz", 0.075
                    )
                )
                parts[-1].apply_translation((x, 0, 0))
        return assemble(parts)
    W = span
    parts += [box((0.12, 0.12, h + 0.15), (s * (W / 2 + 0.06), 0, (h + 0.15) / 2)) for s in (-1, 1)]
    parts += [ball((s * (W / 2 + 0.06), 0, h + 0.2), 0.07) for s in (-1, 1)]
    parts += [box((W, 0.04, 0.05), (0, 0, z)) for z in (0.1, h - 0.05)]
    parts += [
        rod((x, 0, 0.1), (x, 0, h + (0.1 if rng.random() < 0.5 else -0.05)), 0.01, 6)
        for x in np.linspace(-W / 2 + 0.08, W / 2 - 0.08, int(rng.integers(6, 12)))
    ]
    return assemble(parts)


def headwear(rng, kind="top_hat"):
    u = rng.uniform
    parts = []
    if kind == "top_hat":
        r, h = u(0.09, 0.11), u(0.15, 0.22)
        parts += [
            disc(r * u(1.5, 1.8), 0, 0.008),
            lathe([(0, 0), (r, 0), (r * u(1.0, 1.12), h), (0, h)], 20),
            ring((0, 0, 0.03), r + 0.002, 0.012, sections=(20, 4)),
        ]
    elif kind == "cowboy_hat":
        r = u(0.09, 0.11)
        br = r * u(1.9, 2.3)
        brim = [(0, 0), (br, 0.04), (br, 0.048), (r, 0.008), (0, 0.008)]
        parts.append(lathe(brim, 24))
        parts[-1].apply_scale((1.0, 0.8, 1.0))
        h = u(0.1, 0.13)
        parts.append(lathe([(0, 0), (r, 0), (r * 0.85, h), (0, h * 0.8)], 20))
    elif kind == "cap":
        r = u(0.09, 0.1)
        parts.append(
            lathe(
                [(0, 0)]
                + [(r * np.cos(t), r * 0.9 * np.sin(t)) for t in np.linspace(0, 1.5, 5)]
                + [(0, r * 0.9)],
                20,
            )
        )
        parts.append(
            slab(
                [
                    (r * 0.6, -r * 0.7),
                    (r * 1.8, -r * 0.5),
                    (r * 1.9, 0),
                    (r * 1.8, r * 0.5),
                    (r * 0.6, r * 0.7),
                ],
                0.006,
            )
        )
        parts.append(ball((0, 0, r * 0.9), 0.012))
    elif kind == "helmet":
        r = u(0.12, 0.14)
        parts.append(
            lathe(
                [(0, 0)]
                + [(r * np.cos(t), r * 1.05 * np.sin(t)) for t in np.linspace(0, 1.57, 6)][:-1]
                + [(0, r * 1.05)],
                20,
            )
        )
        parts[-1].apply_scale((1.15, 1.0, 1.0))
        if rng.random() < 0.6:
            parts.append(box((0.01, r * 0.8, r * 0.4), (r * 1.15, 0, r * 0.2)))
        else:
            parts.append(
                slab(
                    [(r * 0.9, -r * 0.7), (r * 1.5, -r * 0.5), (r * 1.5, r * 0.5), (r * 0.9, r * 0.7)],
                    0.006,
                    offset=r * 0.1,
                )
            )
    else:  # crown
        r, h = u(0.09, 0.11), u(0.06, 0.1)
        parts.append(lathe(cup_profile(r, r * 1.1, h * 0.5, 0.006), 20))
        n = int(rng.integers(5, 9))
        for k in range(n):
            a = 2 * np.pi * k / n
            p = np.array([r * 1.08 * np.cos(a), r * 1.08 * np.sin(a), h * 0.5])
            parts += [cone(p, p + (0, 0, h), 0.022, 4), ball(p + (0, 0, h + 0.01), 0.012)]
    return assemble(parts)


def timepiece(rng, kind="wall_clock"):
    u = rng.uniform
    parts = []
    if kind == "wrist_watch":
        r = u(0.018, 0.024)
        parts.append(rod((0, -0.005, 0.04), (0, 0.005, 0.04), r, 20))
        parts.append(ring((0, 0, 0.04), 0.035, 0.004, (0, 1, 0), (24, 4)))
        parts[-1].apply_scale((1.0, 4.0, 1.0))
        parts.append(box((0.003, 0.01, 0.004), (0, -0.007, 0.05)))
        parts.append(box((r * 0.8, 0.002, 0.002), (r * 0.3, -0.006, 0.04)))
        return assemble(parts)
    if kind == "hourglass":
        r, h = u(0.06, 0.09), u(0.2, 0.3)
        parts.append(
            lathe(
                [
                    (0, 0.02),
                    (r, 0.02),
                    (r * 0.9, h * 0.3),
                    (0.01, h / 2),
                    (r * 0.9, h * 0.7),
                    (r, h - 0.02),
                    (0, h - 0.02),
                ],
                16,
            )
        )
        parts += [
            disc(r * 1.3, 0, 0.02, sections=16 if rng.random() < 0.5 else 6),
            disc(r * 1.3, h - 0.02, h, sections=16 if rng.random() < 0.5 else 6),
        ]
        for k in range(int(rng.integers(3, 5))):
            a = 2 * np.pi * k / 4
            parts.append(
                rod(
                    (r * 1.15 * np.cos(a), r * 1.15 * np.sin(a), 0.02),
                    (r * 1.15 * np.cos(a), r * 1.15 * np.sin(a), h - 0.02),
                    0.006,
                    6,
                )
            )
        return assemble(parts)
    r = u(0.12, 0.2) if kind == "wall_clock" else u(0.05, 0.07)
    t = 0.03 if kind == "wall_clock" else r * 0.6
    zc = r if kind == "wall_clock" else r + 0.02
    parts.append(rod((0, -t / 2, zc), (0, t / 2, zc), r, 24))
    parts.append(ring((0, -t / 2, zc), r, 0.01 if kind == "wall_clock" else 0.006, (0, 1, 0), (24, 4)))
    a1, a2 = u(0, 2 * np.pi), u(0, 2 * np.pi)
    for a, ln in ((a1, 0.8), (a2, 0.55)):
        parts.append(
            rod(
                (0, -t / 2 - 0.004, zc),
                (ln * r * np.cos(a), -t / 2 - 0.004, zc + ln * r * np.sin(a)),
                0.004,
                4,
            )
        )
    if kind == "wall_clock":
        parts += [
            box((0.01, 0.004, 0.02), (0.85 * r * np.cos(a), -t / 2 - 0.002, zc + 0.85 * r * np.sin(a)))
            for a in np.linspace(0, 2 * np.pi, 12, endpoint=False)
        ]
    else:
        parts += [ball((s * r * 0.6, 0, zc + r * 0.95), r * 0.35, (1, 1, 0.6)) for s in (-1, 1)]
        parts += [rod((s * r * 0.5, 0, zc - r * 0.8), (s * r * 0.75, 0, 0), 0.006, 4) for s in (-1, 1)]
        parts.append(ring((0, 0, zc + r * 1.1), r * 0.4, 0.005, (0, 1, 0), (12, 4)))
    return assemble(parts)


def umbrella(rng, kind="umbrella"):
    u = rng.uniform
    parts = []
    r = u(0.45, 0.6) if kind == "umbrella" else u(0.8, 1.1)
    h = u(0.8, 0.95) if kind == "umbrella" else u(1.8, 2.2)
    ch = r * (u(0.35, 0.5) if kind == "umbrella" else u(0.15, 0.3))
    ribs = int(rng.integers(6, 10))
    canopy = lathe(
        [(0, h - ch * 0.3), (r, h - ch)]
        + [(r * (1 - t), h - ch * (1 - t) ** 1.5) for t in (0.4, 0.8)]
        + [(0, h)],
        ribs,
    )
    parts += [canopy, rod((0, 0, 0 if kind == "beach_umbrella" else 0.1), (0, 0, h + 0.05), 0.012, 8)]
    if kind == "umbrella":
        parts += chain(arc((0.05, 0, 0.1), 0.05, np.pi, 2 * np.pi, 6, "xz") + (0, 0, 0), 0.012, 6)
    else:
        parts.append(disc(u(0.15, 0.25), 0, 0.05))
    return assemble(parts)


def space(rng, kind="rocket"):
    u = rng.uniform
    parts = []
    if kind == "rocket":
        r, h = u(0.1, 0.15), u(1.0, 1.6)
        parts.append(lathe([(0, 0), (r * 0.8, 0), (r, 0.1), (r, h * 0.75), (0, h)], 16))
        n = int(rng.choice([3, 4]))
        for k in range(n):
            a = 2 * np.pi * k / n
            fin = slab([(r * 0.8, 0), (r * 2.2, -0.05), (r * 2.0, 0.15), (r, h * 0.25)], 0.015, "xz")
            fin.apply_transform(trimesh.transformations.rotation_matrix(a, Z))
            parts.append(fin)
        if rng.random() < 0.5:
            parts += [
                capsule((s * r * 1.6, 0, 0.05), (s * r * 1.6, 0, h * 0.45), r * 0.35, (6, 6)) for s in (-1, 1)
            ]
        return assemble(parts)
    if kind == "satellite_dish":
        r = u(0.35, 0.5)
        dish = lathe(
            [(r * (k / 5), r * 0.35 * (k / 5) ** 2) for k in range(6)]
            + [(r * 0.98, r * 0.35 + 0.01), (0, 0.01)],
            20,
        )
        tilt = np.radians(u(20, 50))
        dish.apply_transform(trimesh.transformations.rotation_matrix(-tilt, (0, 1, 0)))
        hz = u(0.6, 1.0)
        dish.apply_translation((0, 0, hz))
        axis = np.array([-np.sin(tilt), 0, np.cos(tilt)])
        parts += [
            dish,
            rod((0, 0, 0), (0, 0, hz), 0.03, 8),
            rod((0, 0, hz), (0, 0, hz) + axis * r * 0.8, 0.01, 6),
            ball((0, 0, hz) + axis * r * 0.8, 0.03),
        ]
        parts += [rod((0, 0, 0), (0.25 * np.cos(a), 0.25 * np.sin(a), 0), 0.02, 6) for a in (0.5, 2.6, 4.7)]
        return assemble(parts)
    if kind == "space_shuttle":
        L = u(1.8, 2.2)
        parts.append(capsule((-L / 2, 0, 0.15), (L / 2 - 0.2, 0, 0.15), 0.15, (10, 8)))
        parts.append(cone((L / 2 - 0.2, 0, 0.15), (L / 2, 0, 0.12), 0.15, 12))
        parts.append(
            slab(
                [
                    (L * 0.1, 0),
                    (-L * 0.45, L * 0.35),
                    (-L * 0.5, L * 0.35),
                    (-L * 0.5, -L * 0.35),
                    (-L * 0.45, -L * 0.35),
                ],
                0.03,
                offset=0.05,
            )
        )
        parts.append(
            slab([(-L * 0.3, 0.25), (-L * 0.5, 0.25), (-L * 0.52, 0.6), (-L * 0.45, 0.6)], 0.02, "xz")
        )
        parts += [rod((-L / 2, s * 0.07, 0.2), (-L / 2 - 0.1, s * 0.08, 0.2), 0.05, 8) for s in (-1, 1)]
        return assemble(parts)
    # satellite
    s_ = u(0.25, 0.4)
    parts.append(
        box((s_, s_, s_ * u(1.0, 1.6)), (0, 0, 0.5))
        if rng.random() < 0.6
        else disc(s_ / 2, 0.3, 0.7, sections=12)
    )
    pl, pw = u(0.5, 0.9), u(0.2, 0.3)
    for sgn in (-1, 1):
        parts.append(rod((0, sgn * s_ / 2, 0.5), (0, sgn * (s_ / 2 + 0.1), 0.5), 0.01, 6))
        parts.append(box((pw, pl, 0.01), (0, sgn * (s_ / 2 + 0.1 + pl / 2), 0.5)))
    dish = lathe([(0, 0), (0.15, 0.05), (0.15, 0.06), (0, 0.01)], 16)
    dish.apply_translation((0, 0, 0.5 + s_ * 0.8))
    parts += [dish, rod((0, 0, 0.5), (0, 0, 0.5 + s_ * 0.85), 0.01, 6)]
    return assemble(parts)


def game_piece(rng, kind="pawn"):
    u = rng.uniform
    parts = []
    if kind == "snowman":
        r = [u(0.25, 0.32)]
        r += [r[0] * u(0.65, 0.8), r[0] * u(0.45, 0.55)]
        z = 0.0
        for ri in r:
            parts.append(ball((0, 0, z + ri * 0.9), ri, subdivisions=2))
            z += ri * 1.8
        zh = z - r[2]
        parts.append(cone((r[2] * 0.9, 0, zh), (r[2] * 1.6, 0, zh - 0.02), 0.03, 8))
        zb = r[0] * 1.8 + r[1] * 0.9
        parts += [rod((0, s * r[1] * 0.9, zb), (0, s * (r[1] + 0.35), zb + 0.2), 0.012, 4) for s in (-1, 1)]
        if rng.random() < 0.6:
            parts += [disc(r[2] * 0.9, z - 0.05, z - 0.03), disc(r[2] * 0.6, z - 0.03, z + 0.15)]
        return assemble(parts)
    h = u(0.5, 0.7)
    base = [(0, 0), (0.16, 0), (0.16, 0.04), (0.12, 0.07)]
    if kind == "pawn":
        prof = (
            base
            + [(0.06, 0.3 * h), (0.1, 0.55 * h), (0.1, 0.58 * h), (0.04, 0.6 * h)]
            + [(0.1 * np.sin(t), 0.6 * h + 0.1 + 0.1 * -np.cos(t)) for t in np.linspace(0.5, 3.0, 5)]
            + [(0, 0.6 * h + 0.2)]
        )
    elif kind == "rook":
        prof = base + [(0.1, 0.7 * h), (0.13, 0.75 * h), (0.13, 0.9 * h), (0, 0.9 * h)]
    elif kind == "king":
        prof = base + [(0.06, 0.6 * h), (0.11, 0.7 * h), (0.06, 0.75 * h), (0.1, 0.88 * h), (0, 0.9 * h)]
    else:  # bowling_pin
        prof = [
            (0, 0),
            (0.05, 0),
            (0.09, 0.25 * h),
            (0.035, 0.62 * h),
            (0.05, 0.8 * h),
            (0.03, 0.95 * h),
            (0, h),
        ]
    parts.append(lathe(prof, 20))
    if kind == "rook":
        for k in range(int(rng.integers(4, 7))):
            a = 2 * np.pi * k / 5
            parts.append(box((0.05, 0.05, 0.06), (0.11 * np.cos(a), 0.11 * np.sin(a), 0.9 * h + 0.03)))
    if kind == "king":
        parts += [
            box((0.03, 0.03, 0.16), (0, 0, 0.9 * h + 0.08)),
            box((0.1, 0.03, 0.03), (0, 0, 0.9 * h + 0.11)),
        ]
    return assemble(parts)


def kitchenware(rng, kind="spoon"):
    u = rng.uniform
    parts = []
    if kind in ("frying_pan", "cooking_pot"):
        r = u(0.1, 0.15)
        h = u(0.03, 0.05) if kind == "frying_pan" else u(0.12, 0.18)
        parts.append(lathe(cup_profile(r * 0.85 if kind == "frying_pan" else r, r, h, 0.005), 24))
        if kind == "frying_pan":
            parts.append(rod((r, 0, h * 0.8), (r + u(0.18, 0.25), 0, h * 1.5), 0.012, 8))
        else:
            parts += [ring((s * (r + 0.02), 0, h * 0.85), 0.025, 0.006, (0, 1, 0), (10, 4)) for s in (-1, 1)]
            if rng.random() < 0.6:
                parts += [
                    lathe([(0, h), (r * 1.02, h), (r * 0.9, h + 0.025), (0, h + 0.03)], 20),
                    ball((0, 0, h + 0.04), 0.015),
                ]
        return assemble(parts)
    L = u(0.17, 0.22) if kind != "ladle" else u(0.28, 0.34)
    parts.append(box((0.012 if kind != "ladle" else 0.014, 0.004, L), (0, 0, L / 2)))
    if kind == "fork":
        parts.append(box((0.025, 0.004, 0.02), (0, 0, L + 0.01)))
        n = int(rng.integers(3, 5))
        parts += [box((0.004, 0.004, 0.045), (x, 0, L + 0.04)) for x in np.linspace(-0.01, 0.01, n)]
    elif kind == "spoon":
        parts.append(ball((0, 0.005, L + 0.03), 1.0, (0.02, 0.006, 0.035)))
    else:
        parts.append(lathe(cup_profile(0.03, 0.04, 0.03, 0.003), 16))
        parts[-1].apply_translation((0, -0.04, L - 0.01))
        parts.append(rod((0, 0, L), (0, -0.01, L + 0.02), 0.006, 6))
    m = assemble(parts)
    m.apply_transform(trimesh.transformations.rotation_matrix(np.radians(u(60, 85)), (1, 0, 0)))
    m.apply_translation((0, 0, -m.bounds[0][2]))
    return m


def optics(rng, kind="binoculars"):
    u = rng.uniform
    parts = []
    if kind == "binoculars":
        L, r, g = u(0.12, 0.16), u(0.025, 0.035), u(0.07, 0.09)
        for s in (-1, 1):
            parts += [
                rod((0, s * g / 2, r), (L, s * g / 2, r), r, 16),
                rod((L, s * g / 2, r), (L + 0.02, s * g / 2, r), r * 1.15, 16),
                rod((-0.03, s * g / 2, r), (0, s * g / 2, r), r * 0.6, 12),
            ]
        parts.append(box((L * 0.4, g * 0.6, r), (L * 0.4, 0, r * 1.3)))
        return assemble(parts)
    if kind == "telescope":
        h = u(0.8, 1.1)
        for a in (0.0, 2.1, 4.2):
            parts.append(rod((0, 0, h), (0.35 * np.cos(a), 0.35 * np.sin(a), 0), 0.012, 6))
        L, r = u(0.7, 1.0), u(0.05, 0.08)
        tilt = np.radians(u(20, 45))
        d = np.array([np.cos(tilt), 0, np.sin(tilt)])
        c = np.array([0, 0, h + r])
        parts += [
            rod(c - d * L * 0.4, c + d * L * 0.6, r, 16),
            rod(c + d * L * 0.6, c + d * L * 0.65, r * 1.2, 16),
            rod(c - d * L * 0.55, c - d * L * 0.4, r * 0.4, 10),
        ]
        return assemble(parts)
    w, h, d = u(0.12, 0.16), u(0.08, 0.1), u(0.05, 0.07)
    parts.append(box((w, d, h), (0, 0, h / 2)))
    lr = u(0.025, 0.04)
    parts.append(rod((0, -d / 2, h / 2), (0, -d / 2 - u(0.03, 0.08), h / 2), lr, 16))
    parts.append(box((w * 0.3, d * 0.6, 0.02), (-w * 0.2, 0, h + 0.01)))
    parts.append(disc(0.008, h, h + 0.008, x=w * 0.3))
    return assemble(parts)


def wheel(rng, kind="wheel"):
    u = rng.uniform
    parts = []
    R = u(0.3, 0.4)
    if kind == "tire":
        parts.append(ring((0, 0, R), R * 0.7, R * u(0.25, 0.32), (0, 1, 0), (24, 10)))
        parts.append(rod((0, -0.05, R), (0, 0.05, R), R * 0.45, 16))
        return assemble(parts)
    if kind == "gear":
        n = int(rng.integers(8, 16))
        ro, ri = R, R * u(0.8, 0.88)
        poly = []
        for k in range(n):
            a = 2 * np.pi * k / n
            da = np.pi / n
            poly += [
                (ri * np.cos(a - da * 0.5), ri * np.sin(a - da * 0.5)),
                (ro * np.cos(a - da * 0.3), ro * np.sin(a - da * 0.3)),
                (ro * np.cos(a + da * 0.3), ro * np.sin(a + da * 0.3)),
                (ri * np.cos(a + da * 0.5), ri * np.sin(a + da * 0.5)),
            ]
        parts.append(slab(poly, u(0.06, 0.12), "xz"))
        parts.append(rod((0, -0.08, 0), (0, 0.08, 0), R * 0.2, 12))
        m = assemble(parts)
        m.apply_translation((0, 0, R))
        return m
    parts.append(ring((0, 0, R), R, 0.03, (0, 1, 0), (28, 6)))
    parts.append(rod((0, -0.05, R), (0, 0.05, R), 0.05, 12))
    n = int(rng.integers(4, 13))
    a0 = u(0, np.pi)
    for k in range(n):
        a = a0 + 2 * np.pi * k / n
        parts.append(rod((0, 0, R), (R * np.cos(a), 0, R + R * np.sin(a)), 0.012, 6))
    return assemble(parts)


# --------------------------------------------------------------------------- registry


@dataclass(frozen=True)
class ShapeClass:
    """One class of the benchmark: ``make(rng)`` builds a fresh instance in the canonical frame."""

    name: str
    family: str
    make: Callable[[np.random.Generator], trimesh.Trimesh]
    drawn_from_above: bool = False  # people mostly sketch it seen from above (a snake, a spider)


#: Classes people mostly draw from above (see :func:`sbsr.data.sketch.sample_view`).
DRAWN_FROM_ABOVE = frozenset(
    {"snake", "sea_turtle", "crocodile", "spider", "beetle", "butterfly", "frying_pan"}
    | {"airplane", "jet_fighter", "glider", "space_shuttle"}  # the wings show
)


FAMILIES = {
    # The first 22 families give three classes each to the default 90 (round-robin order, see
    # class_names), so the confusable triples (chair / stool / bar stool, cup / mug / vase,
    # car / van / suv, ...) are all in it; the last 12 give two.
    "seating": (
        seating,
        ["chair", "stool", "bar_stool", "armchair", "swivel_chair", "bench", "rocking_chair"],
    ),
    "table": (table, ["table", "desk", "round_table", "coffee_table", "side_table"]),
    "storage": (storage, ["cabinet", "bookshelf", "wardrobe", "chest_of_drawers", "nightstand"]),
    "bed": (bed, ["bed", "sofa", "bunk_bed", "crib"]),
    "lamp": (lamp, ["floor_lamp", "desk_lamp", "table_lamp", "street_lamp"]),
    "vessel": (
        vessel,
        ["cup", "mug", "vase", "wine_bottle", "wineglass", "bowl", "jug", "bucket", "flower_pot"],
    ),
    "car": (car, ["car", "van", "suv", "race_car", "pickup_truck", "bus", "truck"]),
    "aircraft": (aircraft, ["airplane", "helicopter", "jet_fighter", "glider", "biplane"]),
    "boat": (boat, ["sailboat", "ship", "submarine", "motorboat", "canoe"]),
    "cycle": (cycle, ["bicycle", "motorbike", "scooter", "tricycle"]),
    "building": (
        building,
        ["house", "church", "skyscraper", "barn", "castle_tower", "lighthouse", "windmill"],
    ),
    "tree": (tree, ["tree", "pine_tree", "palm_tree", "bush", "cactus"]),
    "quadruped": (quadruped, ["dog", "horse", "cow", "giraffe", "elephant", "cat", "rabbit"]),
    "bird": (bird, ["standing_bird", "flying_bird", "duck", "penguin"]),
    "fish": (fish, ["fish", "shark", "whale", "dolphin"]),
    "hand_tool": (hand_tool, ["hammer", "axe", "shovel", "rake", "pickaxe", "screwdriver"]),
    "blade": (blade, ["sword", "knife", "dagger", "spear", "machete"]),
    "instrument": (instrument, ["guitar", "violin", "drum", "piano"]),
    "reptile": (reptile, ["snake", "sea_turtle", "turtle", "crocodile"]),
    "bug": (bug, ["ant", "spider", "beetle", "butterfly"]),
    "screen": (screen, ["tv", "computer_monitor", "laptop", "cell_phone"]),
    "container": (container, ["barrel", "mailbox", "trash_can", "crate", "treasure_chest"]),
    "rail": (rail, ["train", "locomotive", "tram"]),
    "shelter": (shelter, ["tent", "tipi", "dome_tent", "gazebo"]),
    "plant": (plant, ["flower", "potted_plant", "mushroom"]),
    "barrier": (barrier, ["ladder", "door", "fence", "gate"]),
    "headwear": (headwear, ["top_hat", "cowboy_hat", "cap", "helmet", "crown"]),
    "timepiece": (timepiece, ["wrist_watch", "hourglass", "wall_clock", "alarm_clock"]),
    "umbrella": (umbrella, ["umbrella", "beach_umbrella"]),
    "space": (space, ["rocket", "satellite", "satellite_dish", "space_shuttle"]),
    "game_piece": (game_piece, ["pawn", "rook", "king", "bowling_pin", "snowman"]),
    "kitchenware": (kitchenware, ["spoon", "fork", "ladle", "frying_pan", "cooking_pot"]),
    "optics": (optics, ["binoculars", "telescope", "camera"]),
    "wheel": (wheel, ["wheel", "tire", "gear"]),
}


def _stretched(make, scale, rng):
    mesh = make(rng)
    mesh.apply_scale(scale)
    return mesh


def _build_registry() -> dict[str, ShapeClass]:
    """Named sub-types in round-robin family order, then ``tall_`` / ``wide_`` variants up to 171."""
    named = []
    depth = max(len(kinds) for _, kinds in FAMILIES.values())
    for level in range(depth):
        for family, (fn, kinds) in FAMILIES.items():
            if level < len(kinds):
                kind = kinds[level]
                make = functools.partial(fn, kind=kind)
                named.append(ShapeClass(kind, family, make, kind in DRAWN_FROM_ABOVE))
    classes = list(named)
    variants = [("tall", (1.0, 1.0, 1.6)), ("wide", (1.5, 1.5, 1.0))]
    for prefix, scale in variants:
        for c in named:
            if len(classes) >= MAX_CLASSES:
                break
            make = functools.partial(_stretched, c.make, scale)
            classes.append(ShapeClass(f"{prefix}_{c.name}", c.family, make, c.drawn_from_above))
    return {c.name: c for c in classes}


#: Class name -> :class:`ShapeClass`, in the order :func:`class_names` uses.
CLASSES: dict[str, ShapeClass] = _build_registry()


def class_names(num_classes: int = 90) -> list[str]:
    """The first ``num_classes`` classes: one sub-type of every family, then a second, ..."""
    if not 1 <= num_classes <= len(CLASSES):
        raise ValueError(f"num_classes must be in 1..{len(CLASSES)}, got {num_classes}")
    return list(CLASSES)[:num_classes]


# --------------------------------------------------------------------------- instances


def deform(mesh: trimesh.Trimesh, rng: np.random.Generator, amount: float = 0.03) -> trimesh.Trimesh:
    """Small smooth non-rigid deformation: a random bend, taper and wave of size ``amount``."""
    v = mesh.vertices.copy()
    lo, hi = v.min(axis=0), v.max(axis=0)
    size = float(np.max(hi - lo))
    t = (v - lo) / np.maximum(hi - lo, 1e-9)  # 0..1 per axis
    bend = rng.normal(0, amount, 2) * size
    v[:, 0] += bend[0] * t[:, 2] ** 2
    v[:, 1] += bend[1] * t[:, 2] ** 2
    taper = 1 + rng.normal(0, amount) * (t[:, 2:3] - 0.5)
    centre = (lo + hi) / 2
    v[:, :2] = centre[:2] + (v[:, :2] - centre[:2]) * taper
    phase = rng.uniform(0, 2 * np.pi, 3)
    freq = rng.uniform(1.0, 3.0, 3) * np.pi
    v += amount * 0.3 * size * np.sin(freq * t[:, [1, 2, 0]] + phase)
    mesh.vertices = v
    return mesh


def normalize(mesh: trimesh.Trimesh) -> trimesh.Trimesh:
    """Centre on the bounding-box centre and scale so the farthest vertex is at distance 1."""
    mesh.apply_translation(-mesh.bounds.mean(axis=0))
    mesh.apply_scale(1.0 / float(np.linalg.norm(mesh.vertices, axis=1).max()))
    return mesh


def make_shape(
    name: str, rng: np.random.Generator, *, rotate: bool = True, deformation: float = 0.03
) -> trimesh.Trimesh:
    """A fresh instance of class ``name``: generated, deformed, optionally turned about +Z, normalised."""
    if name not in CLASSES:
        raise ValueError(f"unknown shape class {name!r}; see sbsr.data.shapes.CLASSES")
    mesh = CLASSES[name].make(rng)
    mesh = deform(mesh, rng, deformation)
    if rotate:
        mesh.apply_transform(trimesh.transformations.rotation_matrix(rng.uniform(0, 2 * np.pi), Z))
    mesh.remove_unreferenced_vertices()
    return normalize(mesh)
