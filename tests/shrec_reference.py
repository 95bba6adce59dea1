"""The SHREC evaluation as a plain loop over queries: the reference for tests and benchmarks.

A direct transcription of the official MATLAB logic (Bo Li's SHREC'13 script
and its Sketch3DToolkit port, as described in the project's METRICS notes):
rank the targets, build G and G_sum, read every score off them, then
``CalAvgPerf`` / ``InterpolatePerf`` for the PR curve. Slow on purpose:
no vectorisation across queries, nothing shared with :mod:`sbsr.metrics`.
"""

from __future__ import annotations

import math

import numpy as np


def query_scores(distances_row, query_label, target_labels):
    """Scores of one query: dict NN, FT, ST, E, DCG, AP and the list P_points (P_k)."""
    order = sorted(range(len(distances_row)), key=lambda t: (distances_row[t], t))
    G = [1 if target_labels[t] == query_label else 0 for t in order]
    C = sum(1 for label in target_labels if label == query_label)
    N = len(G)
    G_sum = []
    total = 0
    for g in G:
        total += g
        G_sum.append(total)

    def g_sum(r):  # 1-based, the list ends at N
        return G_sum[min(r, N) - 1]

    NN = G[0]
    FT = g_sum(C) / C
    ST = g_sum(2 * C) / C
    P_32 = g_sum(32) / 32
    R_32 = g_sum(32) / C
    E = 0.0 if P_32 + R_32 == 0 else 2 * P_32 * R_32 / (P_32 + R_32)
    norm_value = 1 + sum(1 / math.log2(i) for i in range(2, C + 1))
    dcg = G[0] + sum(G[i - 1] / math.log2(i) for i in range(2, N + 1))
    P_points = []
    for rec in range(1, C + 1):
        R = G_sum.index(rec) + 1  # find(G_sum == rec, 1)
        P_points.append(rec / R)
    AP = sum(P_points) / C
    return {"NN": NN, "FT": FT, "ST": ST, "E": E, "DCG": dcg / norm_value, "AP": AP}, P_points


def interpolate_perf(values, num, index):
    """InterpolatePerf.m: precision at recall ``index`` from the P_k ``values`` (1-based)."""
    xx = index * num
    x1 = int(xx)  # fix()
    x2 = x1 + 1
    dx = xx - x1
    x1 = min(max(x1, 1), num)
    x2 = min(max(x2, 1), num)
    return values[x1 - 1] * (1 - dx) + values[x2 - 1] * dx


def cal_avg_perf(P, C, cutoff=2, sample=20):
    """CalAvgPerf.m, except that a level no query qualifies for is NaN (the script writes 0)."""
    curve = []
    for j in range(1, sample + 1):
        total, valid = 0.0, 0
        for values, c in zip(P, C):
            if c < cutoff or c < sample / j:
                continue
            total += interpolate_perf(values, c, j / sample)
            valid += 1
        curve.append(total / valid if valid else float("nan"))
    return np.array(curve)


def evaluate(distances, query_labels, target_labels):
    """Per-query score arrays (dict) and the 20-point PR curve, one query at a time."""
    distances = np.asarray(distances)
    target_labels = list(target_labels)
    per_query = {name: [] for name in ("NN", "FT", "ST", "E", "DCG", "AP")}
    P, C = [], []
    for q, label in enumerate(query_labels):
        scores, p_points = query_scores(distances[q].tolist(), label, target_labels)
        for name, value in scores.items():
            per_query[name].append(value)
        P.append(p_points)
        C.append(len(p_points))
    return {k: np.array(v, dtype=float) for k, v in per_query.items()}, cal_avg_perf(P, C)
