"""Household containers and utensils: the families ``vessel`` (cup, mug, vase, bottle,
bowl, ...), ``kitchenware`` (spoon, fork, ladle, pan, pot) and ``container`` (barrel,
mailbox, trash can, crate, chest)."""

from __future__ import annotations

import numpy as np
import trimesh

from sbsr.data.shapes.parts import arc, assemble, ball, box, chain, cone, cup_profile, disc, lathe, ring, rod


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
