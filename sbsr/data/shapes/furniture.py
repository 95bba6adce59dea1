"""Furniture: the families ``seating`` (chair, stool, bench, ...), ``table``,
``storage`` (cabinet, bookshelf, ...), ``bed`` (bed, sofa, crib, ...) and ``lamp``."""

from __future__ import annotations

import numpy as np

from sbsr.data.shapes.parts import arc, assemble, ball, box, chain, cone, cup_profile, disc, lathe, ring, rod


def _legs(xs, ys, z0, z1, radius, square=False):
    out = []
    for x in xs:
        for y in ys:
            if square:
                out.append(box((2 * radius, 2 * radius, z1 - z0), (x, y, (z0 + z1) / 2)))
            else:
                out.append(rod((x, y, z0), (x, y, z1), radius, 8))
    return out


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
