"""Other objects: the families ``headwear`` (hats, cap, helmet, crown), ``umbrella``,
``game_piece`` (chess pieces, bowling pin, snowman) and ``wheel`` (wheel, tire, gear)."""

from __future__ import annotations

import numpy as np

from sbsr.data.shapes.parts import arc, assemble, ball, box, chain, cone, cup_profile, disc, lathe, ring, rod, slab


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
