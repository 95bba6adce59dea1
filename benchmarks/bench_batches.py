"""Backbone batch preparation on the CPU at the paper preset's sizes: ``stages.prepare_batch``
against the preparation the backbone step used before (copied below), timed in the same run.

A step draws 64 sketches (augmented) or 16 shapes x 12 views, 224 px, from
uint8 pools (the views memory-mapped, as :func:`sbsr.data.render.load_views`
gives them), on one CPU thread (the training default). Both preparations must
give the same tensors. The previous one gathered, converted and augmented the
whole global batch in every process and sliced its share after;
``prepare_batch`` reads only the share and augments all its images at once.
On a GPU it also moves uint8 instead of float32 (a quarter of the bytes) and
converts there: not measured here (no GPU).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

from sbsr.models import CompactCNN
from sbsr.train import stages
from sbsr.train.distributed import DistInfo, shard

SIZE, SKETCHES, SHAPES, VIEWS = 224, 64, 16, 12


# ---------------------------------------------------------------- before (a copy)


def before_images_to_float(images: np.ndarray, invert: bool) -> torch.Tensor:
    x = torch.from_numpy(np.array(images)).float().div_(255.0)
    return 1.0 - x if invert else x


def before_augment_sketches(images: torch.Tensor, generator: torch.Generator, shift: int = 4) -> torch.Tensor:
    n, _, h, w = images.shape
    flip = torch.rand(n, generator=generator) < 0.5
    images = torch.where(flip[:, None, None, None], images.flip(-1), images)
    padded = F.pad(images, (shift,) * 4, mode="replicate")
    dy, dx = torch.randint(0, 2 * shift + 1, (2, n), generator=generator).tolist()
    return torch.stack([padded[i, :, dy[i] : dy[i] + h, dx[i] : dx[i] + w] for i in range(n)])


def before_prepare(images, labels, batch, generator, info: DistInfo):
    sketch = images.ndim == 3
    x = before_images_to_float(images[batch.numpy()], sketch).unsqueeze(1 if sketch else 2)
    if generator is not None:
        x = before_augment_sketches(x, generator)
    return shard(x, info), shard(labels[batch], info)


# ---------------------------------------------------------------- timing


def compare(before, after, labels, batch_size: int, steps: int) -> tuple[float, float]:
    """Median seconds per step of ``before(batch, generator)`` and ``after(...)``, timed in
    turns on the same batches; their outputs must be equal."""
    generators = [torch.Generator().manual_seed(0) for _ in range(2)]
    times = ([], [])
    for _ in range(steps + 1):  # the first step warms up
        outputs = []
        for prepare, generator, seconds in zip((before, after), generators, times):
            batch = torch.randperm(len(labels), generator=generator)[:batch_size]
            start = time.perf_counter()
            outputs.append(prepare(batch, generator))
            seconds.append(time.perf_counter() - start)
        for a, b in zip(*outputs):  # the same numbers, only prepared differently
            assert torch.equal(a, b)
    return statistics.median(times[0][1:]), statistics.median(times[1][1:])


def run(quick: bool = False) -> list[dict]:
    with stages.cpu_threads(1):  # TrainConfig.cpu_threads' default
        return _rows(quick)


def _rows(quick: bool) -> list[dict]:
    torch.manual_seed(0)
    steps = 3 if quick else 20
    rng = np.random.default_rng(0)
    cpu = torch.device("cpu")
    encoder = CompactCNN(1, (4,))  # only its sketch polarity is read
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        sketches = rng.integers(0, 256, (1000 if quick else 2000, SIZE, SIZE), dtype=np.uint8)
        views = np.lib.format.open_memmap(Path(tmp) / "views.npy", mode="w+", dtype=np.uint8,
                                          shape=(100 if quick else 200, VIEWS, SIZE, SIZE))
        views[:] = rng.integers(0, 256, views.shape, dtype=np.uint8)
        views.flush()
        views = np.load(Path(tmp) / "views.npy", mmap_mode="r")
        int(views.sum(dtype=np.uint64))  # touch every page once, as a long run has
        cases = (("sketch", sketches, SKETCHES, True, 1), ("shape", views, SHAPES, False, 1),
                 ("shape", views, SHAPES, False, 4))
        for modality, images, batch_size, augment, processes in cases:
            labels = torch.arange(len(images)) % 10
            info = DistInfo(0, processes)
            before, after = compare(
                lambda b, g: before_prepare(images, labels, b, g if augment else None, info),
                lambda b, g: stages.prepare_batch(encoder, images, labels, b, g if augment else None, info, cpu),
                labels, batch_size, steps)
            what = (f"{SKETCHES} sketches, augmented" if modality == "sketch"
                    else f"{SHAPES} shapes x {VIEWS} views")
            share = "" if processes == 1 else f", the share of 1 of {processes} processes"
            rows.append({
                "name": f"backbone batch preparation: {what}, {SIZE} px{share} (median of {steps} steps)",
                "value": after * 1e3, "unit": "ms/step",
                "baseline": "the step's preparation before (copy in this file)",
                "baseline_value": before * 1e3, "higher_is_better": False,
                "target": "faster than before; on a GPU, less than a step's compute",
            })
    return rows


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(row)
