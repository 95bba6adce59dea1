"""Plants: the families ``tree`` (tree, pine, palm, bush, cactus) and ``plant``
(flower, potted plant, mushroom)."""

from __future__ import annotations

import numpy as np
import trimesh

from sbsr.data.shapes.parts import assemble, ball, box, capsule, chain, cone, cup_profile, lathe, rod


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
