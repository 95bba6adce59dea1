"""Sketches and rendered views as arrays, and the torch Datasets the networks read.

Conventions (the same in every notebook):

- On disk and in NumPy, images are ``uint8`` grey with a **white background**
  (255) and dark strokes or shading: sketches ``(N, size, size)``, views
  ``(num_models, num_views, size, size)`` (:func:`sbsr.data.render.load_views`).
- :class:`SketchDataset` yields ``(x, y)`` with ``x`` a float32 tensor
  ``(1, H, W)`` in [0, 1] that is **inverted**: ``x = 1 - pixel / 255``, so
  strokes are high (near 1) and the background is 0; ``y`` is the class index.
- :class:`MultiViewDataset` yields ``(x, y)`` with ``x`` a float32 tensor
  ``(num_views, 1, H, W)`` in [0, 1], **not inverted**: ``x = pixel / 255``,
  a white (1) background and grey shading, as the views were rendered.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import torch
from PIL import Image
from torch.utils.data import Dataset

from sbsr.data.shrec import SPLITS, Benchmark, file_digest
from sbsr.io import atomic_path, make_once

#: Part of the sketch cache key; bump it when :func:`load_sketch` changes its output.
SKETCH_VERSION = 1


def load_sketch(path: str | Path, size: int) -> np.ndarray:
    """One sketch as ``uint8 (size, size)``: grey, white background, aspect kept, centred.

    Transparent pixels become white; the image is padded with white to a
    square and downscaled with area averaging (thin strokes become grey
    rather than vanishing).
    """
    try:
        with Image.open(path) as image:
            image.load()
            if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
                rgba = image.convert("RGBA")
                image = Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba)
            grey = image.convert("L")
    except Exception as err:  # PIL raises OSError, SyntaxError, ValueError, ...
        raise ValueError(f"{path}: unreadable or corrupt image ({type(err).__name__}: {err})") from None
    side = max(grey.size)
    square = Image.new("L", (side, side), 255)
    square.paste(grey, ((side - grey.width) // 2, (side - grey.height) // 2))
    return np.asarray(square.resize((size, size), Image.Resampling.BOX), dtype=np.uint8)


def load_sketches(bench: Benchmark, split: str, size: int, progress: bool = False,
                  mmap: bool = False) -> np.ndarray:
    """All sketches of ``split`` (``"train"`` or ``"test"``) as ``uint8 (N, size, size)``, in ``.cla`` order.

    Cached as one ``.npy`` under ``<bench.cache_dir>/sketches/``, keyed by the
    size and a hash of every sketch file's bytes, so a changed file is noticed.
    ``mmap=True`` maps that file read-only instead of reading it.
    """
    from tqdm import tqdm

    if split not in SPLITS:
        raise ValueError(f"split={split!r}: expected 'train' or 'test'")
    if not (isinstance(size, int) and size >= 8):
        raise ValueError(f"size={size!r}: expected an integer >= 8")
    paths = bench.part(split).paths
    key = hashlib.sha256(f"v{SKETCH_VERSION}".encode())
    for path in paths:
        key.update(f"{path.relative_to(bench.root)}:{file_digest(path)}\n".encode())
    cached = bench.cache_dir / "sketches" / f"{split}_{size}px_{len(paths)}_{key.hexdigest()[:16]}.npy"

    def write() -> None:
        images = np.empty((len(paths), size, size), dtype=np.uint8)
        for i, path in enumerate(tqdm(paths, desc=f"sketches {split}", unit="img", disable=not progress)):
            images[i] = load_sketch(path, size)
        with atomic_path(cached) as tmp, open(tmp, "wb") as f:
            np.save(f, images)

    make_once(cached, write)  # another process caching the same sketches finishes first
    return np.load(cached, mmap_mode="r" if mmap else None)


def _check_pairs(images: np.ndarray, labels, ndim: int, what: str) -> tuple[np.ndarray, np.ndarray]:
    """Check shapes; images stay as given (a read-only memory map is fine), converted per item."""
    labels = np.asarray(labels)
    if not isinstance(images, np.ndarray) or images.dtype != np.uint8 or images.ndim != ndim:
        shape = getattr(images, "shape", None)
        raise ValueError(
            f"{what}: expected a uint8 array with {ndim} dimensions, got {type(images).__name__} {shape}"
        )
    if labels.shape != (len(images),):
        raise ValueError(f"{what}: {len(images)} images but labels of shape {labels.shape}")
    return images, labels.astype(np.int64)


class SketchDataset(Dataset):
    """``(x, y)``: ``x`` float32 ``(1, H, W)``, strokes 1 and background 0 (``1 - pixel/255``); ``y`` int.

    ``images`` is ``uint8 (N, H, W)`` with a white background (as from
    :func:`load_sketches`). With ``augment=True`` each draw is flipped left-right
    with probability 1/2 and shifted by up to ``max_shift`` of the side in x and
    y (uncovered pixels are background), using torch's global random generator.
    """

    def __init__(self, images: np.ndarray, labels, augment: bool = False, max_shift: float = 0.1):
        self.images, self.labels = _check_pairs(images, labels, 3, "SketchDataset")
        if not 0 <= max_shift < 1:
            raise ValueError(f"max_shift={max_shift}: expected a fraction in [0, 1)")
        self.augment, self.max_shift = augment, max_shift

    def __len__(self) -> int:
        return len(self.images)

    def __getitem__(self, index: int):
        x = 1.0 - torch.from_numpy(np.array(self.images[index])).float().unsqueeze(0) / 255.0
        if self.augment:
            x = self._augment(x)
        return x, int(self.labels[index])

    def _augment(self, x: torch.Tensor) -> torch.Tensor:
        if torch.rand(()) < 0.5:
            x = x.flip(-1)
        height, width = x.shape[-2:]
        limit_y, limit_x = int(self.max_shift * height), int(self.max_shift * width)
        dy = int(torch.randint(-limit_y, limit_y + 1, ()))
        dx = int(torch.randint(-limit_x, limit_x + 1, ()))
        shifted = torch.zeros_like(x)
        shifted[..., max(dy, 0) : height + min(dy, 0), max(dx, 0) : width + min(dx, 0)] = x[
            ..., max(-dy, 0) : height + min(-dy, 0), max(-dx, 0) : width + min(-dx, 0)
        ]
        return shifted


class MultiViewDataset(Dataset):
    """``(x, y)``: ``x`` float32 ``(num_views, 1, H, W)`` = ``pixel/255`` (white background 1); ``y`` int.

    ``views`` is ``uint8 (num_models, num_views, H, W)``, as from
    :func:`sbsr.data.render.load_views` (a memory map from ``mmap=True`` works too).
    """

    def __init__(self, views: np.ndarray, labels):
        self.views, self.labels = _check_pairs(views, labels, 4, "MultiViewDataset")

    def __len__(self) -> int:
        return len(self.views)

    def __getitem__(self, index: int):
        x = torch.from_numpy(np.array(self.views[index])).float().unsqueeze(1) / 255.0
        return x, int(self.labels[index])
