"""Rendering speed: meshes per second for 12 views at 128 and 224 px, ~5k-face meshes.

The renderer (:func:`sbsr.data.render.render_benchmark`: one Embree cast of
all 12*H*W rays per mesh, ``workers`` processes, writing the cached PNG
strips) against the obvious code in the same run: one process, a loop over
meshes and over views, trimesh's ``mesh.ray.intersects_first`` per view.
Meshes are perturbed icospheres (5,120 faces), each different.

Besides wall-clock rates, the single-process runs are also given per
CPU-second (``time.process_time``), which other programs sharing the cores
disturb much less; two free cores give about twice that rate with two workers.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import numpy as np
import trimesh

from sbsr.data.mesh import load_normalized
from sbsr.data.render import RenderSettings, camera_rays, render_benchmark
from sbsr.data.shrec import Benchmark, Items


def make_meshes(folder: Path, count: int, seed: int = 0) -> list[Path]:
    rng = np.random.default_rng(seed)
    paths = []
    for i in range(count):
        mesh = trimesh.creation.icosphere(subdivisions=4)  # 5,120 faces
        mesh.vertices *= 1 + 0.15 * rng.standard_normal((len(mesh.vertices), 1))
        mesh.vertices *= rng.uniform(0.5, 1.5, size=3)
        path = folder / f"m{i}.off"
        mesh.export(path, file_type="off")
        paths.append(path)
    return paths


def bench_of(root: Path, paths: list[Path], cache: str) -> Benchmark:
    empty = Items([], np.zeros(0, np.int64), [])
    models = Items([p.stem[1:] for p in paths], np.zeros(len(paths), np.int64), paths)
    return Benchmark(root, "synth", ["sphere"], models, empty, empty, root / cache)


def timed(fn) -> tuple[float, float]:
    """Wall-clock and CPU seconds of ``fn()`` (CPU time of this process only)."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def plain_loop(paths: list[Path], settings: RenderSettings) -> None:
    """The obvious single-process code: same images, one trimesh ray query per view, nothing saved."""
    origins, directions = camera_rays(settings)
    per_view = settings.size**2
    for path in paths:
        mesh = load_normalized(path)
        for v in range(settings.num_views):
            rays = slice(v * per_view, (v + 1) * per_view)
            triangle = mesh.ray.intersects_first(origins[rays], directions[rays])
            hit = triangle >= 0
            cosine = np.abs(np.einsum("ij,ij->i", mesh.face_normals[triangle[hit]], directions[rays][hit]))
            image = np.full(per_view, 255, np.uint8)
            image[hit] = np.round(255 * (settings.ambient + settings.diffuse * cosine))


def run(quick: bool) -> list[dict]:
    workers = min(2, os.cpu_count() or 1)
    count = 8 if quick else 48
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        paths = make_meshes(root, count)
        for size in (128, 224):
            settings = RenderSettings(size=size)
            subset = paths[: max(4, count // 4)]
            base_wall, base_cpu = timed(lambda: plain_loop(subset, settings))
            target = ">= 25 meshes/s on 2 cores" if size == 128 else ""
            for w in sorted({1, workers}):
                bench = bench_of(root, paths, f"cache_{size}_{w}")
                wall, cpu = timed(lambda: render_benchmark(bench, settings, workers=w, progress=False))
                row = {"unit": "meshes/s", "baseline": "1 process, trimesh ray per view", "higher_is_better": True}
                rows.append(dict(row, name=f"render 12x{size}^2, {w} process{'es' if w > 1 else ''}",
                                 value=count / wall, baseline_value=len(subset) / base_wall, target=target))
                if w == 1:
                    rows.append(dict(row, name=f"render 12x{size}^2, per CPU-second", unit="meshes/CPU-s",
                                     value=count / cpu, baseline_value=len(subset) / base_cpu,
                                     target=">= 12.5 meshes/CPU-s (25/s on 2 cores)" if size == 128 else ""))
    return rows
