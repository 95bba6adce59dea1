"""SHREC scores at SHREC 2014 scale: ``sbsr.metrics.evaluate`` against the per-query loop.

5,130 query sketches (30 in each of 171 classes) x 8,987 target models whose
class sizes run from 1 to 632, float32 distances between clustered random
features. ``evaluate`` computes NN, FT, ST, E, DCG, mAP and the PR curve.
The baseline is the plain per-query loop kept in ``tests/shrec_reference.py``
(a transcription of the official MATLAB logic), timed in the same run on an
evenly spaced subset of the queries and scaled to all of them.
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import shrec_reference  # noqa: E402

from sbsr.metrics import evaluate  # noqa: E402

NUM_CLASSES, NUM_TARGETS, QUERIES_PER_CLASS = 171, 8987, 30
SMALLEST, LARGEST = 1, 632


def class_sizes(rng: np.random.Generator) -> np.ndarray:
    """171 long-tailed class sizes, smallest 1, largest 632, summing to 8,987."""
    sizes = np.clip(np.round(rng.lognormal(3.4, 1.0, NUM_CLASSES)), SMALLEST, LARGEST).astype(int)
    sizes[0], sizes[1] = LARGEST, SMALLEST
    free = np.arange(2, NUM_CLASSES)
    while (gap := NUM_TARGETS - sizes.sum()) != 0:
        room = sizes[free] < LARGEST if gap > 0 else sizes[free] > SMALLEST
        pick = rng.choice(free[room], size=min(abs(gap), int(room.sum())), replace=False)
        sizes[pick] += np.sign(gap)
    return sizes


def problem(queries_per_class: int, seed: int = 0):
    """Float32 distances (Q, T) and integer labels, SHREC'14-shaped."""
    rng = np.random.default_rng(seed)
    sizes = class_sizes(rng)
    target_labels = rng.permutation(np.repeat(np.arange(NUM_CLASSES), sizes))
    query_labels = np.repeat(np.arange(NUM_CLASSES), queries_per_class)
    centres = rng.normal(size=(NUM_CLASSES, 32)).astype(np.float32)
    queries = centres[query_labels] + rng.normal(size=(len(query_labels), 32)).astype(np.float32)
    targets = centres[target_labels] + rng.normal(size=(NUM_TARGETS, 32)).astype(np.float32)
    squared = (queries**2).sum(1)[:, None] + (targets**2).sum(1)[None] - 2 * queries @ targets.T
    return np.sqrt(np.maximum(squared, 0)).astype(np.float32), query_labels, target_labels


def run(quick: bool = False) -> list[dict]:
    queries_per_class = 3 if quick else QUERIES_PER_CLASS
    dist, query_labels, target_labels = problem(queries_per_class)
    num_queries = len(query_labels)

    evaluate(dist, query_labels, target_labels)  # warm-up
    times, cpu_times = [], []
    for _ in range(2 if quick else 5):
        start, cpu_start = time.perf_counter(), time.process_time()
        scores = evaluate(dist, query_labels, target_labels)
        times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - cpu_start)
    tracemalloc.start()
    evaluate(dist, query_labels, target_labels)
    peak_bytes = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    subset = np.linspace(0, num_queries - 1, 5 if quick else 20).round().astype(int)
    start, cpu_start = time.perf_counter(), time.process_time()
    expected, _ = shrec_reference.evaluate(dist[subset], query_labels[subset], target_labels)
    loop_seconds = (time.perf_counter() - start) * num_queries / len(subset)
    loop_cpu_seconds = (time.process_time() - cpu_start) * num_queries / len(subset)
    for name, values in expected.items():  # the fast path must agree on the timed queries
        np.testing.assert_allclose(scores.per_query[name][subset], values, atol=1e-12, err_msg=name)

    shape = f"{num_queries} x {NUM_TARGETS} float32"
    baseline = (f"per-query loop (tests/shrec_reference.py), {len(subset)} queries "
                f"timed x {num_queries / len(subset):.1f} (extrapolated)")
    return [
        {
            "name": f"metrics: NN FT ST E DCG mAP + PR curve, {shape}, wall (best of {len(times)})",
            "value": min(times),
            "unit": "s",
            "baseline": baseline,
            "baseline_value": loop_seconds,
            "higher_is_better": False,
            "target": "<= 0.5 s and >= 100x the loop",
        },
        {
            "name": f"metrics: the same, CPU time of this process (best of {len(times)})",
            "value": min(cpu_times),
            "unit": "s",
            "baseline": baseline + ", CPU time",
            "baseline_value": loop_cpu_seconds,
            "higher_is_better": False,
            "target": "wall time without other load on the machine",
        },
        {
            "name": f"metrics: peak extra memory of evaluate(), {shape} (tracemalloc)",
            "value": peak_bytes / 2**20,
            "unit": "MiB",
            "baseline": "",
            "baseline_value": None,
            "target": "<= 2048 MiB",
        },
    ]


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(row)
