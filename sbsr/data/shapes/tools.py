"""Tools and blades: the families ``hand_tool`` (hammer, axe, shovel, ...) and
``blade`` (sword, knife, dagger, spear, machete)."""

from __future__ import annotations

import numpy as np

from sbsr.data.shapes.parts import arc, assemble, ball, box, chain, cone, lathe, ring, rod, slab


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
