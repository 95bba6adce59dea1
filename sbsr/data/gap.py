"""Evidence of the modality gap between sketches and rendered views, in raw pixels.

Both modalities are grey images on white, yet they differ in kind: a sketch is
a few thin strokes, a rendered view is a filled, shaded silhouette. The
statistics and the raw-pixel retrieval below put numbers on that difference,
before any network is trained.
"""

from __future__ import annotations

import numpy as np
import torch


def pixel_statistics(images: np.ndarray) -> dict[str, float]:
    """Mean statistics of uint8 images ``(..., H, W)`` with a white background.

    ``ink``: fraction of pixels darker than mid-grey; ``mean_darkness``: mean of
    ``1 - pixel/255``; ``fill``: within each image's bounding box of non-white
    pixels, the fraction that is marked (a filled silhouette is near 1, an
    outline drawing far below).
    """
    x = np.asarray(images, dtype=np.float32).reshape(-1, *images.shape[-2:]) / 255.0
    marked = x < 0.9
    fills = []
    for m in marked:
        rows, cols = np.flatnonzero(m.any(axis=1)), np.flatnonzero(m.any(axis=0))
        if len(rows):
            box = m[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
            fills.append(box.mean())
    return {
        "ink": float((x < 0.5).mean()),
        "mean_darkness": float(1.0 - x.mean()),
        "fill": float(np.mean(fills)) if fills else 0.0,
    }


def downsample(images: np.ndarray, size: int) -> np.ndarray:
    """Area-average uint8 images ``(..., H, W)`` to ``(..., size, size)`` (H a multiple of size)."""
    h = images.shape[-1]
    if h % size:
        raise ValueError(f"size={size} must divide the image side {h}")
    f = h // size
    x = np.asarray(images, dtype=np.float32).reshape(*images.shape[:-2], size, f, size, f)
    return x.mean(axis=(-3, -1))


def _darkness_vectors(images: np.ndarray, size: int) -> torch.Tensor:
    """``(..., H, W)`` uint8 -> ``(N, size*size)`` darkness maps, centred and scaled to unit norm."""
    vectors = torch.from_numpy(255.0 - downsample(images, size)).reshape(-1, size * size)
    vectors = vectors - vectors.mean(dim=-1, keepdim=True)
    return vectors / vectors.norm(dim=-1, keepdim=True).clamp_min(1e-8)


def raw_pixel_distances(sketches: np.ndarray, views: np.ndarray, size: int = 32) -> np.ndarray:
    """Sketch x shape distances on raw pixels: ``1 - max`` over views of the correlation.

    ``sketches`` is ``(Q, H, W)``, ``views`` is ``(M, V, H, W)`` (uint8, white
    background); both are compared as darkness maps at ``size`` pixels.
    """
    q = _darkness_vectors(sketches, size)
    m, v = views.shape[:2]
    similarity = (q @ _darkness_vectors(views, size).T).reshape(len(q), m, v).amax(dim=2)
    return (1.0 - similarity).numpy()


def raw_pixel_sketch_distances(queries: np.ndarray, gallery: np.ndarray, size: int = 32) -> np.ndarray:
    """Sketch x sketch distances on raw pixels (``1 -`` correlation): the within-modality contrast."""
    return (1.0 - _darkness_vectors(queries, size) @ _darkness_vectors(gallery, size).T).numpy()
