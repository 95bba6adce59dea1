"""Vehicles: the families ``car`` (car, van, bus, truck, ...),
``aircraft``, ``boat``, ``rail``, ``cycle`` and ``space`` (rocket, satellite, ...)."""

from __future__ import annotations

import numpy as np
import trimesh

from sbsr.data.shapes.parts import Z, assemble, ball, box, capsule, cone, disc, lathe, ring, rod, slab


def _wheel(x, y, z, radius, width, sections=16):
    return rod((x, y - width / 2, z), (x, y + width / 2, z), radius, sections)


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
