"""Devices and instruments: the families ``screen`` (tv, monitor, laptop, phone),
``instrument`` (guitar, violin, drum, piano), ``timepiece`` and ``optics``."""

from __future__ import annotations

import numpy as np
import trimesh

from sbsr.data.shapes.parts import assemble, ball, box, disc, lathe, ring, rod


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
