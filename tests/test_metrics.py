"""SHREC scores: hand-worked cases, limits, errors, and agreement with a per-query loop."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

import sbsr.metrics as metrics
from sbsr.metrics import RECALL_LEVELS, evaluate, evaluate_ranking, pr_curve

import shrec_reference as reference  # tests/ is on sys.path under pytest

# The worked example of book/metrics.md: one query of class "a", six targets.
# Ascending distance: t0 (a), t3 (b), t1 (b), t5 (a), t2 (a), t4 (b)
# G = 1 0 0 1 1 0, C = 3, relevant ranks R = 1, 4, 5.
EXAMPLE_DIST = np.array([[0.1, 0.3, 0.5, 0.2, 0.6, 0.4]])
EXAMPLE_TARGETS = ["a", "b", "a", "b", "b", "a"]


def test_worked_example_by_hand():
    scores = evaluate(EXAMPLE_DIST, ["a"], EXAMPLE_TARGETS)
    assert scores["NN"] == 1.0  # G(1) = 1
    assert scores["FT"] == pytest.approx(1 / 3)  # G_sum(3) = 1, / C = 3
    assert scores["ST"] == pytest.approx(1.0)  # G_sum(6) = 3, / C = 3
    assert scores["E"] == pytest.approx(6 / 35)  # 2 * G_sum(32) / (32 + C) = 2*3/35
    # DCG = (1 + 1/log2 4 + 1/log2 5) / (1 + 1/log2 2 + 1/log2 3) = 1.930677 / 2.630930
    dcg = (1 + 1 / 2 + 1 / math.log2(5)) / (1 + 1 + 1 / math.log2(3))
    assert scores["DCG"] == pytest.approx(dcg)
    assert scores["DCG"] == pytest.approx(0.733838, abs=1e-6)
    assert scores["mAP"] == pytest.approx(0.7)  # (1/1 + 2/4 + 3/5) / 3 = 2.1 / 3
    recall, precision = pr_curve(EXAMPLE_DIST, ["a"], EXAMPLE_TARGETS)
    np.testing.assert_array_equal(recall, RECALL_LEVELS)
    # Only levels with C * j >= 20, j >= 7, count. P = 1, 1/2, 3/5.
    assert np.isnan(precision[:6]).all()
    assert precision[6] == pytest.approx(0.95 * 1 + 0.05 * 0.5)  # xx = 1.05: x1 = 1, dx = .05
    assert precision[9] == pytest.approx(0.5 * 1 + 0.5 * 0.5)  # xx = 1.5
    assert precision[13] == pytest.approx(0.9 * 0.5 + 0.1 * 0.6)  # xx = 2.1
    assert precision[19] == pytest.approx(0.6)  # xx = 3: x1 = 3, x2 clamped to 3
    assert scores["PR-mean"] == pytest.approx(np.mean(precision[6:]))


def test_e_uses_a_cutoff_of_32():
    # 40 targets, C = 2, relevant at ranks 1 and 33: G_sum(32) = 1,
    # P32 = 1/32, R32 = 1/2, E = 2 * (1/64) / (1/32 + 1/2) = 2 / 34.
    labels = ["b"] * 40
    labels[0] = labels[32] = "a"
    scores = evaluate(np.arange(40.0)[None], ["a"], labels)
    assert scores["E"] == pytest.approx(2 / 34)
    assert scores["NN"] == 1.0
    assert scores["FT"] == pytest.approx(0.5)  # rank 33 > C = 2
    assert scores["ST"] == pytest.approx(0.5)  # rank 33 > 2C = 4
    assert scores["mAP"] == pytest.approx((1 + 2 / 33) / 2)
    # DCG = (1 + 1/log2 33) / (1 + 1/log2 2)
    assert scores["DCG"] == pytest.approx((1 + 1 / math.log2(33)) / 2)


def test_second_tier_divides_by_c_not_2c():
    # C = 2 relevant at ranks 3 and 4 of 10: FT = 0, ST = 2 / 2 = 1.
    labels = ["b", "b", "a", "a"] + ["b"] * 6
    scores = evaluate(np.arange(10.0)[None], ["a"], labels)
    assert scores["FT"] == 0.0
    assert scores["ST"] == 1.0
    assert scores["NN"] == 0.0
    # DCG = (1/log2 3 + 1/log2 4) / (1 + 1)
    assert scores["DCG"] == pytest.approx((1 / math.log2(3) + 0.5) / 2)


def test_perfect_ranking_scores_one():
    rng = np.random.default_rng(0)
    targets = np.repeat([0, 1, 2], [25, 40, 32])
    queries = np.array([0, 1, 2, 2])
    dist = np.where(targets[None] == queries[:, None], 0.0, 1.0) + rng.random((4, 97)) * 0.1
    scores = evaluate(dist, queries, targets)
    for name in ("NN", "FT", "ST", "DCG", "mAP", "PR-mean"):
        assert scores[name] == pytest.approx(1.0), name
    np.testing.assert_allclose(scores.precision, 1.0)
    # E = 2 min(C, 32) / (32 + C): 50/57, 64/72, 64/64 (twice)
    np.testing.assert_allclose(scores.per_query["E"], [50 / 57, 64 / 72, 1.0, 1.0])


def test_worst_ranking():
    # C = 3 relevant at the bottom of N = 10: ranks 8, 9, 10.
    labels = ["b"] * 7 + ["a"] * 3
    scores = evaluate(np.arange(10.0)[None], ["a"], labels)
    assert scores["NN"] == scores["FT"] == scores["ST"] == 0.0
    assert scores["E"] == pytest.approx(2 * 3 / 35)  # all of them are within the top 32
    assert scores["mAP"] == pytest.approx((1 / 8 + 2 / 9 + 3 / 10) / 3)
    ideal = 1 + 1 + 1 / math.log2(3)
    dcg = 1 / math.log2(8) + 1 / math.log2(9) + 1 / math.log2(10)
    assert scores["DCG"] == pytest.approx(dcg / ideal)


def test_class_of_size_one_is_left_out_of_the_pr_curve():
    # Query 0: class "a" has C = 1 (rank 2). Query 1: class "b" has C = 20.
    targets = ["b", "a"] + ["b"] * 19
    dist = np.vstack([np.arange(21.0), np.arange(21.0)])
    scores = evaluate(dist, ["a", "b"], targets)
    assert scores.per_query["AP"][0] == pytest.approx(1 / 2)
    assert scores.per_query["DCG"][0] == pytest.approx(1.0)  # d(2) = 1, ideal = 1
    assert scores.per_query["FT"][0] == 0.0
    assert scores.per_query["ST"][0] == 1.0  # rank 2 <= 2C
    assert np.isnan(scores.pr_per_query[0]).all()  # C < 2: never counts
    # Query 1: ranks 1, 3, 4, ..., 21; C = 20 counts at every level.
    assert not np.isnan(scores.pr_per_query[1]).any()
    np.testing.assert_allclose(scores.precision, scores.pr_per_query[1])


def test_pr_level_filter_for_classes_below_20():
    # C = 5: counts from level j = 4 (5 * 4 >= 20) on; C = 10: from j = 2.
    targets = ["a"] * 5 + ["b"] * 10 + ["c"] * 3
    dist = np.random.default_rng(1).random((2, 18))
    scores = evaluate(dist, ["a", "b"], targets)
    assert np.isnan(scores.pr_per_query[0, :3]).all()
    assert not np.isnan(scores.pr_per_query[0, 3:]).any()
    assert np.isnan(scores.pr_per_query[1, :1]).all()
    assert not np.isnan(scores.pr_per_query[1, 1:]).any()
    # Level 1: no query counts; level 2: only query 1; level 4 on: both.
    assert np.isnan(scores.precision[0])
    assert scores.precision[1] == scores.pr_per_query[1, 1]
    assert scores.precision[5] == pytest.approx(scores.pr_per_query[:, 5].mean())
    assert scores["PR-mean"] == pytest.approx(np.mean(scores.precision[1:]))


def test_ties_are_broken_by_target_index():
    # All distances equal: the ranking is the target order.
    labels = ["b", "a", "b", "a"]
    scores = evaluate(np.ones((1, 4)), ["a"], labels)
    assert scores["NN"] == 0.0
    assert scores["mAP"] == pytest.approx((1 / 2 + 2 / 4) / 2)
    # A tie between a relevant and an irrelevant target: the smaller index wins.
    scores = evaluate(np.array([[0.5, 0.5, 0.1]]), ["a"], ["b", "a", "b"])
    assert scores.per_query["AP"][0] == pytest.approx(1 / 3)


def test_query_class_without_targets_is_an_error():
    with pytest.raises(ValueError, match="'lamp' has no targets"):
        evaluate(np.zeros((2, 3)), ["cup", "lamp"], ["cup", "cup", "chair"])


def test_nan_and_infinite_distances_are_errors():
    dist = np.zeros((3, 4))
    dist[1, 2] = np.nan
    with pytest.raises(ValueError, match="query 1 contain NaN"):
        evaluate(dist, [0, 0, 0], [0, 1, 0, 1])
    dist[1, 2] = np.inf
    with pytest.raises(ValueError, match="query 1 contain NaN or infinity"):
        evaluate(dist, [0, 0, 0], [0, 1, 0, 1])


def test_shape_and_label_errors():
    with pytest.raises(ValueError, match="query_labels must hold 2 labels"):
        evaluate(np.zeros((2, 3)), ["a"], ["a", "a", "a"])
    with pytest.raises(ValueError, match="target_labels must hold 3 labels"):
        evaluate(np.zeros((2, 3)), ["a", "a"], ["a", "a"])
    with pytest.raises(ValueError, match="matrix"):
        evaluate(np.zeros(3), ["a"], ["a", "a", "a"])
    with pytest.raises(ValueError, match="no queries"):
        evaluate(np.zeros((0, 3)), [], ["a", "a", "a"])


def test_ranking_must_be_complete():
    with pytest.raises(ValueError, match=r"ranked_indices\[1\] is not a permutation"):
        evaluate_ranking(np.array([[0, 1, 2], [0, 0, 2]]), [0, 0], [0, 1, 0])
    with pytest.raises(ValueError, match=r"ranked_indices\[0\] has an index outside"):
        evaluate_ranking(np.array([[0, 1, 3]]), [0], [0, 1, 0])
    with pytest.raises(ValueError, match="integer"):
        evaluate_ranking(np.zeros((1, 3)), [0], [0, 1, 0])


def test_ranking_and_distances_agree_on_the_example():
    ranked = np.argsort(EXAMPLE_DIST, axis=1, kind="stable")
    a = evaluate(EXAMPLE_DIST, ["a"], EXAMPLE_TARGETS)
    b = evaluate_ranking(ranked, ["a"], EXAMPLE_TARGETS)
    np.testing.assert_equal(a.as_dict(), b.as_dict())  # NaN == NaN here


def test_result_mapping_dict_and_table():
    scores = evaluate(EXAMPLE_DIST, ["a"], EXAMPLE_TARGETS)
    assert list(scores) == ["NN", "FT", "ST", "E", "DCG", "mAP", "PR-mean"]
    assert all(type(scores[k]) is float for k in scores)
    assert set(scores.per_query) == {"NN", "FT", "ST", "E", "DCG", "AP"}
    as_dict = scores.as_dict()
    assert as_dict["mAP"] == scores["mAP"] and as_dict["queries"] == 1
    assert as_dict["PR"]["recall"] == RECALL_LEVELS.tolist()
    head, row = scores.table().splitlines()
    assert head.split() == ["NN", "FT", "ST", "E", "DCG", "mAP"]
    assert row.split() == ["1.000", "0.333", "1.000", "0.171", "0.734", "0.700"]


def test_numpy_and_torch_inputs_agree():
    rng = np.random.default_rng(3)
    targets = rng.integers(0, 5, 60)
    queries = rng.choice(targets, 12)
    dist = rng.random((12, 60)).astype(np.float32)
    expected = evaluate(dist, queries, targets)
    from_torch = evaluate(torch.from_numpy(dist), torch.from_numpy(queries), targets.tolist())
    np.testing.assert_equal(from_torch.as_dict(), expected.as_dict())
    half = evaluate(torch.from_numpy(dist).half(), queries, targets)
    assert half.per_query["NN"].shape == (12,)
    ranked = torch.from_numpy(np.argsort(dist, axis=1, kind="stable"))
    for name in expected.per_query:
        np.testing.assert_allclose(evaluate_ranking(ranked, queries, targets).per_query[name],
                                   expected.per_query[name], rtol=0, atol=1e-12)
    if torch.cuda.is_available():
        on_gpu = evaluate(torch.from_numpy(dist).cuda(), queries, targets)
        np.testing.assert_equal(on_gpu.as_dict(), expected.as_dict())


def test_rows_that_need_the_exact_path_and_many_chunks(monkeypatch):
    # Chunks of one row, all-equal rows, and a range so wide that (max - min) overflows.
    monkeypatch.setattr(metrics, "_CHUNK_ELEMENTS", 7)
    rng = np.random.default_rng(4)
    targets = rng.integers(0, 3, 30)
    queries = np.array([0, 1, 2, 0, 1])
    dist = rng.integers(0, 4, (5, 30)).astype(np.float64)
    dist[1] = 2.0
    dist[3] = rng.choice([-1.5e308, 1.5e308, 0.0], 30)
    ours = evaluate(dist, queries, targets)
    expected, pr = reference.evaluate(dist, queries, targets)
    for name, values in expected.items():
        np.testing.assert_allclose(ours.per_query[name], values, rtol=0, atol=1e-12)
    np.testing.assert_allclose(ours.precision, pr, rtol=0, atol=1e-12)


@st.composite
def retrieval_problems(draw):
    num_targets = draw(st.integers(1, 45))
    num_classes = draw(st.integers(1, 4))
    targets = draw(st.lists(st.integers(0, num_classes - 1), min_size=num_targets,
                            max_size=num_targets))
    num_queries = draw(st.integers(1, 6))
    queries = draw(st.lists(st.sampled_from(sorted(set(targets))), min_size=num_queries,
                            max_size=num_queries))
    # Few distinct values give many ties; floats give none.
    values = st.integers(0, 4).map(float) if draw(st.booleans()) else st.floats(-1e6, 1e6)
    dist = draw(st.lists(st.lists(values, min_size=num_targets, max_size=num_targets),
                         min_size=num_queries, max_size=num_queries))
    return np.array(dist), queries, targets


@settings(max_examples=50, deadline=None)
@given(retrieval_problems())
def test_matches_the_per_query_loop(problem):
    dist, queries, targets = problem
    expected, precision = reference.evaluate(dist, queries, targets)
    for scores in (evaluate(dist, queries, targets),
                   evaluate(dist.astype(np.float32), queries, targets)
                   if np.array_equal(dist.astype(np.float32), dist) else None,
                   evaluate_ranking(np.argsort(dist, axis=1, kind="stable"), queries, targets)):
        if scores is None:
            continue
        for name, values in expected.items():
            np.testing.assert_allclose(scores.per_query[name], values, rtol=0, atol=1e-12,
                                       err_msg=name)
        np.testing.assert_allclose(scores.precision, precision, rtol=0, atol=1e-12)
        assert scores["mAP"] == pytest.approx(np.mean(expected["AP"]))


def test_extreme_float32_ranges_match_the_loop():
    # Cells must stay inside their row whatever the range: tiny, huge and denormal spans.
    rng = np.random.default_rng(5)
    targets = rng.integers(0, 3, 50)
    queries = rng.choice(targets, 8)
    pools = [np.float32([0, 1e-45, 2e-45, 3e-45]), np.float32([-3e38, 3e38, 0, 1]),
             np.float32([1, np.nextafter(np.float32(1), np.float32(2))]),
             np.float32([1e30, 1e30 * (1 + 2**-20)]), rng.random(4, dtype=np.float32)]
    dist = np.stack([rng.choice(pools[q % len(pools)], 50) for q in range(8)])
    expected, precision = reference.evaluate(dist, queries, targets)
    ours = evaluate(dist, queries, targets)
    for name, values in expected.items():
        np.testing.assert_allclose(ours.per_query[name], values, rtol=0, atol=1e-12)
    np.testing.assert_allclose(ours.precision, precision, rtol=0, atol=1e-12)
