"""Retrieval latency: one sketch -> top 10 of 9,000 shapes, the sketch network included.

The query path of the demo and ``sbsr retrieve``: a 64 px sketch through the
default sketch encoder (compact CNN, metric net 256-512-256-128, T; random
weights, which cost the same as trained ones) under ``torch.inference_mode``,
then :class:`sbsr.retrieval.RetrievalIndex` (one matrix product,
``argpartition``, sort of the top 10). The baseline, in the same run, is the
same forward pass followed by the obvious NumPy search: every Euclidean
distance as ``norm(shapes - q)`` and a full ``argsort``. Both give the same
top 10 (checked). Figures are medians over queries; the machine is shared,
so they are noisy.
"""

from __future__ import annotations

import statistics
import time

import numpy as np
import torch

from sbsr.demo.model import SketchEmbedder
from sbsr.models import CompactCNN, MetricNet, Transform
from sbsr.retrieval import RetrievalIndex
from sbsr.strokes import rasterize

NUM_SHAPES, DIM, SIZE, TOP = 9000, 128, 64, 10
THREADS = 1  # one 64 px sketch: 2 threads took 17 ms instead of 3.6 ms on a busy 2-core machine


def median_ms(fns, queries) -> list[float]:
    """Median milliseconds of each function over ``queries``, the functions interleaved
    query by query so that load from other programs falls on all of them alike."""
    times = [[] for _ in fns]
    for q in queries:
        for fn, t in zip(fns, times):
            start = time.perf_counter()
            fn(q)
            t.append((time.perf_counter() - start) * 1e3)
    return [statistics.median(t) for t in times]


def run(quick: bool = False) -> list[dict]:
    torch.manual_seed(0)
    threads = torch.get_num_threads()
    torch.set_num_threads(min(THREADS, threads))
    try:
        embed = SketchEmbedder(CompactCNN(), MetricNet(256), Transform(128))
        rng = np.random.default_rng(0)
        shapes = rng.normal(size=(NUM_SHAPES, DIM)).astype(np.float32)
        shapes /= np.linalg.norm(shapes, axis=1, keepdims=True)
        index = RetrievalIndex(shapes, [str(i) for i in range(NUM_SHAPES)], np.arange(NUM_SHAPES) % 171)
        sketches = [rasterize([rng.uniform(0, 300, size=(20, 2)) for _ in range(3)], 300, SIZE)[None]
                    for _ in range(10 if quick else 50)]

        def indexed(image):
            return index.search(embed(image)[0], TOP).indices

        def brute_force(image):
            q = embed(image)[0]
            return np.argsort(np.linalg.norm(shapes - q, axis=1))[:TOP]

        for image in sketches[:3]:  # warm-up, and the two must agree
            np.testing.assert_array_equal(indexed(image), brute_force(image))
        embeddings = [embed(image)[0] for image in sketches]
        indexed_ms, brute_ms, forward_ms = median_ms([indexed, brute_force, embed], sketches)
        search_ms, brute_search_ms = median_ms(
            [lambda q: index.search(q, TOP), lambda q: np.argsort(np.linalg.norm(shapes - q, axis=1))[:TOP]],
            embeddings)
        rows = [
            (f"sketch -> top {TOP} of {NUM_SHAPES:,} shapes (sketch CNN + index)", indexed_ms,
             "forward + NumPy brute force", brute_ms, "<= 20 ms including the forward pass"),
            (f"search only: top {TOP} of {NUM_SHAPES:,} (index)", search_ms,
             "all distances + full argsort", brute_search_ms, ""),
            ("sketch CNN forward pass only (64 px, compact CNN + metric net + T)", forward_ms, "", None, ""),
        ]
    finally:
        torch.set_num_threads(threads)
    return [
        {"name": name, "value": value, "unit": "ms", "baseline": base, "baseline_value": base_value,
         "higher_is_better": False, "target": target}
        for name, value, base, base_value, target in rows
    ]
