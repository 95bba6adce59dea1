"""sbsr.alignment: the three alignment numbers and the t-SNE figure."""

import numpy as np
import pytest
import torch

from sbsr.alignment import (
    centroid_distance,
    domain_accuracy,
    first_classes,
    nearest_neighbour_accuracy,
    tsne_figure,
    tsne_points,
)
from sbsr.losses import cmd_loss


def clusters(rng, labels, dim=8, shift=0.0, spread=0.1):
    """One point per label around a class centre (centre c at c * e_c), moved by ``shift``."""
    centres = np.eye(dim)[labels] * 3.0 + shift
    return centres + spread * rng.standard_normal((len(labels), dim))


def test_identical_sets_are_aligned():
    rng = np.random.default_rng(0)
    labels = np.repeat(np.arange(4), 25)
    a = clusters(rng, labels)
    assert centroid_distance(a, labels, a, labels) == pytest.approx(0.0, abs=1e-12)
    assert nearest_neighbour_accuracy(a, labels, a, labels) == 1.0
    assert abs(domain_accuracy(a, a.copy()) - 0.5) < 0.15


def test_same_distribution_is_chance_for_the_domain_classifier():
    rng = np.random.default_rng(1)
    labels = np.repeat(np.arange(4), 40)
    a, b = clusters(rng, labels), clusters(rng, labels)
    assert abs(domain_accuracy(a, b, seed=3) - 0.5) < 0.15


def test_separated_sets():
    rng = np.random.default_rng(2)
    labels = np.repeat(np.arange(4), 25)
    a, b = clusters(rng, labels), clusters(rng, labels, shift=5.0)
    assert domain_accuracy(a, b) > 0.95
    # every class centroid moved by the same vector of length 5 * sqrt(dim)
    assert centroid_distance(a, labels, b, labels) == pytest.approx(5.0 * np.sqrt(8), rel=0.02)


def test_domain_accuracy_is_balanced_for_unequal_sizes():
    rng = np.random.default_rng(4)
    a, b = rng.standard_normal((30, 5)), rng.standard_normal((150, 5))
    # always predicting the larger set would score 150/180 = 0.83 plain accuracy; balanced it is 0.5
    assert abs(domain_accuracy(a, b) - 0.5) < 0.15


def test_nearest_neighbour_accuracy_counts_wrong_classes():
    gallery = np.array([[0.0, 0.0], [10.0, 0.0]])
    gallery_labels = np.array([0, 1])
    queries = np.array([[1.0, 0.0], [9.0, 0.0], [2.0, 0.0], [8.0, 1.0]])
    assert nearest_neighbour_accuracy(queries, [0, 1, 1, 1], gallery, gallery_labels) == 0.75


def test_centroid_distance_is_cmd_over_whole_sets():
    rng = np.random.default_rng(5)
    a, b = rng.standard_normal((12, 4)), rng.standard_normal((9, 4))
    a_labels, b_labels = rng.integers(0, 3, 12), np.r_[0, 1, 2, 3, rng.integers(0, 4, 5)]
    expected = cmd_loss(torch.from_numpy(a), torch.from_numpy(a_labels), torch.from_numpy(b),
                        torch.from_numpy(b_labels))
    assert centroid_distance(a, a_labels, b, b_labels) == pytest.approx(float(expected), abs=1e-6)


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="share no class"):
        centroid_distance(np.zeros((2, 3)), [0, 0], np.zeros((2, 3)), [1, 1])
    with pytest.raises(ValueError, match="one label per sample"):
        centroid_distance(np.zeros((2, 3)), [0], np.zeros((2, 3)), [0, 0])
    with pytest.raises(ValueError, match="features"):
        nearest_neighbour_accuracy(np.zeros((2, 3)), [0, 0], np.zeros((2, 4)), [0, 0])
    with pytest.raises(ValueError, match="folds"):
        domain_accuracy(np.zeros((3, 2)), np.ones((10, 2)), folds=5)
    with pytest.raises(ValueError, match="non-finite"):
        tsne_points(np.full((5, 2), np.nan))


def test_first_classes():
    labels = np.array([5, 2, 9, 2, 7])
    assert first_classes(labels, 2).tolist() == [True, True, False, True, False]
    with pytest.raises(ValueError, match="num_classes"):
        first_classes(labels, 0)


def test_tsne_keeps_clusters_apart_and_figure_has_a_trace_per_class_and_modality():
    rng = np.random.default_rng(6)
    labels = np.repeat(np.arange(3), 10)
    points = clusters(rng, np.r_[labels, labels])
    coords = tsne_points(points, seed=0)
    assert coords.shape == (60, 2) and np.isfinite(coords).all()
    # the sketch and shape points of a class were drawn around one centre: they stay together
    assert nearest_neighbour_accuracy(coords[:30], labels, coords[30:], labels) > 0.9
    modalities = np.array(["sketch"] * 30 + ["shape"] * 30)
    fig = tsne_figure(coords, np.r_[labels, labels], modalities, np.arange(60), ["a", "b", "c"], "t")
    assert len(fig.data) == 6
    assert {t.marker.symbol for t in fig.data} == {"circle", "diamond"}
    assert "sketch 0<br>a" in fig.data[0].text
    assert [t.name for t in fig.data if t.showlegend] == ["a", "b", "c"]  # one legend entry per class
    with pytest.raises(ValueError, match="modalities"):
        tsne_figure(coords, np.r_[labels, labels], np.array(["photo"] * 60), np.arange(60), ["a", "b", "c"], "t")


def test_ten_classes_get_ten_distinct_colours_and_the_modalities_differ_in_size():
    from sbsr.alignment import MODALITY_MARKERS, class_palette

    assert len(set(class_palette(10))) == 10 and len(set(class_palette(12))) >= 12
    assert MODALITY_MARKERS["shape"]["size"] >= 1.5 * MODALITY_MARKERS["sketch"]["size"]
    labels = np.repeat(np.arange(10), 2)
    modalities = np.array(["sketch", "shape"] * 10)
    fig = tsne_figure(np.random.default_rng(0).normal(size=(20, 2)), labels, modalities, np.arange(20),
                      [f"c{i}" for i in range(10)], "t")
    assert len({t.marker.color for t in fig.data}) == 10
