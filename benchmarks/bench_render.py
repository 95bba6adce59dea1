"""Rendering speed: meshes per second for 12 views at 128 and 224 px, ~5k-face meshes.

The renderer (:func:`sbsr.data.render.render_benchmark`: one Embree cast of
all 12*H*W rays per mesh, ``workers`` processes, writing the cached PNG
strips) against the obvious code in the same run: one process, a loop over
meshes and over views, trimesh's ``mesh.ray.intersects_first`` per view.
Meshes are perturbed icospheres (5,120 faces), each different.
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


def plain_loop(paths: list[Path], settings: RenderSettings) -> float:
    """Meshes per second of the obvious single-process code (same images, no batching)."""
    origins, directions = camera_rays(settings)
    per_view = settings.size**2
    start = time.perf_counter()
    for path in paths:
        mesh = load_normalized(path)
        for v in range(settings.num_views):
            rays = slice(v * per_view, (v + 1) * per_view)
            triangle = mesh.ray.intersects_first(origins[rays], directions[rays])
            hit = triangle >= 0
            cosine = np.abs(np.einsum("ij,ij->i", mesh.face_normals[triangle[hit]], directions[rays][hit]))
            image = np.full(per_view, 255, np.uint8)
            image[hit] = np.round(255 * (settings.ambient + settings.diffuse * cosine))
    return len(paths) / (time.perf_counter() - start)


def run(quick: bool) -> list[dict]:
    workers = min(2, os.cpu_count() or 1)
    count = 8 if quick else 48
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        paths = make_meshes(root, count)
        for size in (128, 224):
            settings = RenderSettings(size=size)
            baseline = plain_loop(paths[: max(4, count // 4)], settings)
            for w in sorted({1, workers}):
                bench = bench_of(root, paths, f"cache_{size}_{w}")
                start = time.perf_counter()
                render_benchmark(bench, settings, workers=w, progress=False)
                rate = count / (time.perf_counter() - start)
                rows.append({
                    "name": f"render 12x{size}^2, {w} process{'es' if w > 1 else ''}",
                    "value": rate,
                    "unit": "meshes/s",
                    "baseline": "1 process, trimesh ray per view",
                    "baseline_value": baseline,
                    "higher_is_better": True,
                    "target": ">= 25 meshes/s at 128^2 on 2 cores" if size == 128 else "",
                })
    return rows
