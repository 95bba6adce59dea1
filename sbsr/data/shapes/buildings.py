"""Buildings and structures: the families ``building`` (house, church, lighthouse, ...),
``shelter`` (tent, tipi, gazebo, ...) and ``barrier`` (ladder, door, fence, gate)."""

from __future__ import annotations

import numpy as np
import trimesh

from sbsr.data.shapes.parts import assemble, ball, box, cone, disc, lathe, ring, rod, slab


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
