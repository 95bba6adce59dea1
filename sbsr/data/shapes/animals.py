"""Animals: the families ``quadruped`` (proportions per species in
``ANIMALS``), ``bird``, ``fish``, ``reptile`` and ``bug``."""

from __future__ import annotations

import numpy as np
import trimesh

from sbsr.data.shapes.parts import assemble, ball, box, capsule, cone, lathe, rod, slab


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
