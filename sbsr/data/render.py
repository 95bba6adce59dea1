"""Twelve shaded grey views per target mesh (the MVCNN setting), ray cast with Embree, cached.

Cameras: ``num_views`` positions on a circle around the up axis +Z, one every
``360 / num_views`` degrees of azimuth (30 for 12 views), raised ``elevation``
degrees (30) above the horizontal plane, at ``distance`` unit-sphere radii
from the origin, all looking at the origin: the centroid of the normalised
mesh (:func:`sbsr.data.mesh.normalize`). The field of view is the smallest
that keeps the unit sphere inside every image, plus a 5% margin.

Shading: a headlight (the light sits at the camera), Lambertian plus ambient:
``grey = 255 * (ambient + diffuse * |n . d|)`` for a hit with face normal
``n`` along ray ``d`` (absolute value: many SHREC meshes have inconsistent
face orientation); background pixels are white (255), so the object is
always darker than the page, like a sketch.

All ``num_views * size * size`` rays of one mesh are cast in one Embree call.
Meshes are rendered in parallel processes and cached as one PNG strip per
mesh (the views side by side) under
``<bench.cache_dir>/renders/<settings key>/m<id>_<mesh digest>.png``: the file
name holds a hash of the mesh file's bytes and the folder a hash of the
settings, so a changed mesh or setting renders anew and an unchanged one is
never rendered twice. Files are written atomically, so an interrupted render
leaves no broken file and the next call resumes where it stopped (a killed
worker may leave a hidden ``.*.tmp`` file behind, which is never read and
can be deleted).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import multiprocessing
import time
import warnings
from pathlib import Path

import numpy as np
from PIL import Image

from sbsr.data.mesh import DegenerateMeshError, DegenerateMeshWarning, load_normalized
from sbsr.data.shrec import Benchmark, file_digest
from sbsr.io import atomic_path, make_once

#: Part of every cache key; bump it when the rendering code changes its output.
RENDERER_VERSION = 1


@dataclasses.dataclass(frozen=True)
class RenderSettings:
    """Everything that changes the pixels; its :meth:`key` names the cache folder."""

    size: int = 224  # image side in pixels (224 for ResNet-50, 64 or 96 for the CPU CNN)
    num_views: int = 12  # cameras, evenly spaced in azimuth
    elevation: float = 30.0  # degrees above the horizontal plane
    distance: float = 2.5  # camera distance from the origin, in unit-sphere radii
    center: str = "centroid"  # "centroid" or "bbox": the point the cameras look at
    ambient: float = 0.2  # grey level of a face seen edge-on (fraction of white)
    diffuse: float = 0.6  # added for a face seen head-on

    def __post_init__(self):
        if not (isinstance(self.size, int) and self.size >= 8):
            raise ValueError(f"size={self.size!r}: expected an integer >= 8")
        if not (isinstance(self.num_views, int) and self.num_views >= 1):
            raise ValueError(f"num_views={self.num_views!r}: expected an integer >= 1")
        if not -90 < self.elevation < 90:
            raise ValueError(f"elevation={self.elevation}: expected degrees in (-90, 90)")
        if not self.distance > 1:
            raise ValueError(f"distance={self.distance}: the camera must be outside the unit sphere (> 1)")
        if self.center not in ("centroid", "bbox"):
            raise ValueError(f"center={self.center!r}: expected 'centroid' or 'bbox'")
        if not (0 <= self.ambient and 0 <= self.diffuse and self.ambient + self.diffuse < 1):
            raise ValueError(
                f"ambient={self.ambient}, diffuse={self.diffuse}: need both >= 0 and a sum < 1 "
                "(so objects stay darker than the white background)"
            )

    def key(self) -> str:
        """A short hash of the settings and the renderer version."""
        text = json.dumps({**dataclasses.asdict(self), "version": RENDERER_VERSION}, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:16]


@functools.lru_cache(maxsize=8)
def camera_rays(settings: RenderSettings) -> tuple[np.ndarray, np.ndarray]:
    """Ray origins and unit directions, float32 ``(num_views * size * size, 3)``, view-major."""
    n, size = settings.num_views, settings.size
    azimuth = np.deg2rad(np.arange(n) * 360.0 / n)
    elevation = np.deg2rad(settings.elevation)
    eye = settings.distance * np.stack(
        [
            np.cos(elevation) * np.cos(azimuth),
            np.cos(elevation) * np.sin(azimuth),
            np.full(n, np.sin(elevation)),
        ],
        axis=1,
    )
    forward = -eye / np.linalg.norm(eye, axis=1, keepdims=True)
    right = np.cross(forward, [0.0, 0.0, 1.0])
    right /= np.linalg.norm(right, axis=1, keepdims=True)
    up = np.cross(right, forward)
    half = 1.05 / np.sqrt(settings.distance**2 - 1)  # tan(half field of view)
    t = (np.arange(size) + 0.5) / size * 2 - 1  # pixel centres in [-1, 1]
    x, y = np.meshgrid(t, -t)  # row 0 is the top of the image
    directions = (
        forward[:, None, None, :]
        + half * x[None, :, :, None] * right[:, None, None, :]
        + half * y[None, :, :, None] * up[:, None, None, :]
    ).reshape(-1, 3)
    directions /= np.linalg.norm(directions, axis=1, keepdims=True)
    origins = np.repeat(eye, size * size, axis=0).astype(np.float32)
    directions = directions.astype(np.float32)
    origins.flags.writeable = directions.flags.writeable = False  # shared by every call (cached)
    return origins, directions


def render_views(mesh, settings: RenderSettings) -> np.ndarray:
    """Grey views ``uint8 (num_views, size, size)`` of a normalised ``trimesh.Trimesh``.

    Casts with Embree through ``embreex``, the backend of trimesh's
    ``mesh.ray`` (``trimesh.ray.ray_pyembree``), called directly: the mesh is
    already in the unit sphere, so trimesh's rescaling and float64 copies of
    every ray (half the time) are not needed.
    """
    from embreex import rtcore_scene
    from embreex.mesh_construction import TriangleMesh

    origins, directions = camera_rays(settings)
    scene = rtcore_scene.EmbreeScene()
    TriangleMesh(
        scene=scene,
        vertices=np.asarray(mesh.vertices, dtype=np.float32),
        indices=np.asarray(mesh.faces, dtype=np.int32),
    )
    triangle = scene.run(origins, directions)  # first triangle hit per ray, -1 for a miss
    hit = triangle >= 0
    normals = np.asarray(mesh.face_normals, dtype=np.float32)[triangle[hit]]
    cosine = np.abs(np.einsum("ij,ij->i", normals, directions[hit]))
    image = np.full(len(directions), 255, dtype=np.uint8)
    image[hit] = np.round(255 * (settings.ambient + settings.diffuse * cosine)).astype(np.uint8)
    return image.reshape(settings.num_views, settings.size, settings.size)


def render_file(mesh_path: str | Path, settings: RenderSettings) -> np.ndarray:
    """Load, validate and normalise an ``.off`` file, then :func:`render_views`."""
    return render_views(load_normalized(mesh_path, settings.center), settings)


def write_strip(path: Path, views: np.ndarray) -> None:
    """Save ``(V, H, W)`` views as one ``H x (V*W)`` grey PNG, atomically."""
    num_views, height, width = views.shape
    strip = views.transpose(1, 0, 2).reshape(height, num_views * width)
    with atomic_path(path) as tmp:
        Image.fromarray(strip).save(tmp, format="PNG", compress_level=1)  # fast, still lossless


def read_strip(path: Path, num_views: int) -> np.ndarray:
    """The inverse of :func:`write_strip`: ``uint8 (V, H, W)``."""
    with Image.open(path) as image:
        strip = np.asarray(image.convert("L"))
    height = strip.shape[0]
    if strip.shape[1] != num_views * height:
        raise ValueError(f"{path}: a {strip.shape[1]}x{height} strip is not {num_views} square views")
    return strip.reshape(height, num_views, height).transpose(1, 0, 2)


def cache_folder(bench: Benchmark, settings: RenderSettings) -> Path:
    return bench.cache_dir / "renders" / settings.key()


def view_paths(bench: Benchmark, settings: RenderSettings) -> list[Path]:
    """The cache file of every target model, in ``bench.models`` order (hashes the mesh files)."""
    folder = cache_folder(bench, settings)
    return [
        folder / f"m{id_}_{file_digest(path)[:16]}.png"
        for id_, path in zip(bench.models.ids, bench.models.paths)
    ]


def _render_task(task: tuple[Path, Path, RenderSettings]) -> str | None:
    """Render one mesh into its cache file; a degenerate mesh gets blank views and its message back."""
    mesh_path, out_path, settings = task
    try:
        views = render_file(mesh_path, settings)
        message = None
    except DegenerateMeshError as err:
        views = np.full((settings.num_views, settings.size, settings.size), 255, dtype=np.uint8)
        message = str(err)
    write_strip(out_path, views)
    return message


def render_benchmark(
    bench: Benchmark, settings: RenderSettings = RenderSettings(), workers: int = 1, progress: bool = True
) -> dict:
    """Render every target model of ``bench`` not yet in the cache; returns a report.

    ``workers > 1`` renders in that many processes. A mesh that cannot be read
    raises :class:`sbsr.data.mesh.MeshError` naming the file (what was
    rendered before stays cached); a mesh whose faces all have zero area is
    stored as blank views, warned about (:class:`sbsr.data.mesh.DegenerateMeshWarning`) and
    listed under ``"degenerate"``.
    """
    from tqdm import tqdm

    if workers < 1:
        raise ValueError(f"workers={workers}: expected at least 1")
    start = time.perf_counter()
    outputs = view_paths(bench, settings)
    tasks = [(src, out, settings) for src, out in zip(bench.models.paths, outputs) if not out.exists()]
    messages = []
    with tqdm(total=len(tasks), desc=f"render {settings.num_views}x{settings.size}px", unit="mesh",
              disable=not progress) as bar:
        if workers == 1 or len(tasks) <= 1:
            results = map(_render_task, tasks)
            pool = None
        else:
            camera_rays(settings)  # computed once here, inherited by forked workers
            pool = multiprocessing.get_context().Pool(min(workers, len(tasks)))
            chunksize = max(1, min(8, len(tasks) // (4 * workers)))
            results = pool.imap_unordered(_render_task, tasks, chunksize=chunksize)
        try:
            for message in results:
                if message:
                    messages.append(message)
                    warnings.warn(message + " (rendered as blank views)", DegenerateMeshWarning, stacklevel=2)
                bar.update()
        finally:
            if pool is not None:
                pool.terminate()
                pool.join()
    seconds = time.perf_counter() - start
    return {
        "models": len(outputs),
        "cached": len(outputs) - len(tasks),
        "rendered": len(tasks),
        "degenerate": messages,
        "seconds": round(seconds, 3),
        "meshes_per_second": round(len(tasks) / seconds, 2) if tasks and seconds > 0 else None,
        "cache": str(cache_folder(bench, settings)),
    }


def load_views(
    bench: Benchmark,
    size: int = 224,
    workers: int = 1,
    progress: bool = False,
    mmap: bool = False,
    **settings,
) -> np.ndarray:
    """All target views as ``uint8 (num_models, num_views, size, size)``, white background.

    Renders what is missing first (:func:`render_benchmark`), then stacks the
    strips into one ``.npy`` beside them, keyed by every strip's name, so the
    next call with unchanged meshes only hashes the meshes and loads one array.
    ``mmap=True`` maps that file read-only instead of reading it (SHREC'14 at
    224 px is 5.4 GB). Extra keyword arguments are :class:`RenderSettings` fields.
    """
    options = RenderSettings(size=size, **settings)
    paths = view_paths(bench, options)
    names = hashlib.sha256("\n".join(p.name for p in paths).encode()).hexdigest()[:16]
    stacked = cache_folder(bench, options) / f"views_{len(paths)}_{names}.npy"

    def stack() -> None:
        render_benchmark(bench, options, workers=workers, progress=progress)
        shape = (len(paths), options.num_views, size, size)
        with atomic_path(stacked) as tmp:
            views = np.lib.format.open_memmap(tmp, mode="w+", dtype=np.uint8, shape=shape)
            for i, path in enumerate(paths):
                views[i] = read_strip(path, options.num_views)
            views.flush()
            del views

    make_once(stacked, stack)  # another process rendering the same views finishes first
    return np.load(stacked, mmap_mode="r" if mmap else None)
