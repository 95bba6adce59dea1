"""sbsr.analysis: leave-one-out retrieval, within-modality scores, metric embeddings, curves."""

import numpy as np
import pytest
import torch

from sbsr.analysis import (
    leave_one_out_scores,
    metric_embeddings,
    moving_average,
    random_rotation,
    training_curves,
    within_modality,
)
from sbsr.metrics import evaluate
from sbsr.train.experiment import Data, distances


def clusters(classes=4, per_class=5, dim=6, spread=0.3, seed=0):
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(classes, dim)) * 3
    labels = np.repeat(np.arange(classes), per_class)
    return centres[labels] + spread * rng.normal(size=(len(labels), dim)), labels


def test_leave_one_out_matches_evaluating_each_query_against_the_others():
    items, labels = clusters(spread=2.5)  # overlapping classes: imperfect rankings
    labels = np.append(labels, 9)  # a class of one item: left out
    items = np.vstack([items, np.zeros((1, items.shape[1]))])
    scores = leave_one_out_scores(items, labels, block=7)  # several blocks
    kept = np.flatnonzero(labels != 9)
    assert len(scores.class_sizes) == len(kept)
    dist = distances(torch.as_tensor(items), torch.as_tensor(items))
    for row, i in enumerate(kept):
        others = np.delete(np.arange(len(items)), i)
        one = evaluate(dist[i, others][None], labels[[i]], labels[others])
        for name in ("NN", "FT", "ST", "E", "DCG", "AP"):
            assert scores.per_query[name][row] == pytest.approx(one.per_query[name][0])
    assert 0.2 < scores["mAP"] < 1.0


def test_leave_one_out_limits_and_errors():
    items, labels = clusters(spread=0.01)
    assert leave_one_out_scores(items, labels)["mAP"] == pytest.approx(1.0)
    with pytest.raises(ValueError, match="no class has two items"):
        leave_one_out_scores(np.eye(3), [0, 1, 2])
    with pytest.raises(ValueError, match="labels"):
        leave_one_out_scores(np.eye(3), [0, 1])


def test_within_modality_and_rotation_invariance():
    x, labels = clusters(classes=3, per_class=6, spread=2.0)
    data = Data(None, labels[::2], None, labels[1::2], None, labels)
    emb = {"sketch_train": x[::2], "sketch_test": x[1::2], "shapes": x}
    scores = within_modality(emb, data)
    expected = evaluate(distances(torch.as_tensor(x[1::2]), torch.as_tensor(x[::2])), labels[1::2], labels[::2])
    assert scores["sketches"]["mAP"] == pytest.approx(expected["mAP"])
    rotation = random_rotation(x.shape[1], seed=3)
    assert torch.allclose(rotation.T @ rotation, torch.eye(x.shape[1], dtype=torch.float64), atol=1e-12)
    rotated = within_modality({k: torch.as_tensor(v) @ rotation for k, v in emb.items()}, data)
    for name in ("sketches", "shapes"):
        assert rotated[name]["mAP"] == pytest.approx(scores[name]["mAP"])
    with pytest.raises(ValueError, match="shapes"):
        within_modality({"sketch_train": x, "sketch_test": x}, data)


def test_metric_embeddings_are_cached_and_separate_classes(tmp_path):
    x, labels = clusters(classes=4, per_class=10, dim=12, spread=1.0)
    features = {k: torch.as_tensor(x, dtype=torch.float32) for k in ("sketch_train", "sketch_test", "shapes")}
    data = Data(np.zeros((1, 1, 1), np.uint8), labels, np.zeros((1, 1, 1), np.uint8), labels,
                np.zeros((1, 1, 1, 1), np.uint8), labels)
    from sbsr.train import preset

    config = preset("quick").replace(**{"metric.steps": 30, "metric.classes_per_batch": 4})
    emb, history = metric_embeddings(features, data, config, tmp_path, progress=False)
    assert {k: tuple(v.shape) for k, v in emb.items()} == {k: (40, 32) for k in features}
    assert len(history["sketch_metric"]) == len(history["shape_metric"]) == 30
    again, _ = metric_embeddings(features, data, config, tmp_path, progress=False)  # loaded, not retrained
    assert torch.equal(again["shapes"], emb["shapes"])
    assert within_modality(emb, data)["shapes"]["mAP"] > 0.9


def test_moving_average_and_curves():
    assert moving_average([1, 2, 3, 4], 2).tolist() == [1.0, 1.5, 2.5, 3.5]
    history = {"a": [{"step": i + 1, "loss": float(i)} for i in range(5)], "b": [{"step": 1, "loss": 1.0}]}
    fig = training_curves(history, ["a", "b"], window=2, title="t")
    assert [t.name for t in fig.data] == ["a", "b"]
    assert list(fig.data[0].y) == [0.0, 0.5, 1.5, 2.5, 3.5]
    assert fig.layout.legend.orientation == "h"  # above the plot, which keeps the column's width
    with pytest.raises(ValueError, match="no stage 'c'"):
        training_curves(history, ["c"])
    with pytest.raises(ValueError, match="window"):
        moving_average([1.0], 0)


def test_linear_probe_recognises_separable_classes_and_not_noise():
    from sbsr.analysis import linear_probe

    rng = np.random.default_rng(0)
    labels = np.repeat(np.arange(5), 40)
    centres = rng.normal(0, 3, (5, 16))
    clean = centres[labels] + rng.normal(0, 1, (200, 16))
    half = np.arange(200) % 2 == 0
    good = linear_probe(clean[half], labels[half], clean[~half], labels[~half])
    assert good["test"] > 0.9 and good["train"] >= good["test"]
    noise = rng.normal(0, 1, (200, 16))
    bad = linear_probe(noise[half], labels[half], noise[~half], labels[~half])
    assert bad["test"] < 0.45  # chance is 0.2
    with pytest.raises(ValueError, match="of 'train' differ in length"):
        linear_probe(clean, labels[:10], clean, labels)
    # further sets are scored by the same fit: the test set again gives the test accuracy,
    # and a set whose labels are shifted by one class is (almost) never right
    more = linear_probe(clean[half], labels[half], clean[~half], labels[~half],
                        again=(clean[~half], labels[~half]), shifted=(clean[~half], (labels[~half] + 1) % 5))
    assert more["again"] == more["test"] == good["test"] and more["train"] == good["train"]
    assert more["shifted"] < 0.1
    with pytest.raises(ValueError, match="of 'shifted' differ in length"):
        linear_probe(clean, labels, clean, labels, shifted=(clean, labels[:3]))


def test_linear_probe_fits_on_one_blas_thread(monkeypatch):
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_info, threadpool_limits

    from sbsr.analysis import linear_probe

    threads, fit = [], LogisticRegression.fit

    def counting_fit(self, *args, **kwargs):
        threads.append(max(pool["num_threads"] for pool in threadpool_info()))
        return fit(self, *args, **kwargs)

    monkeypatch.setattr(LogisticRegression, "fit", counting_fit)
    rng = np.random.default_rng(0)
    x, labels = rng.normal(size=(60, 4)), np.repeat(np.arange(3), 20)
    with threadpool_limits(2):  # as on a machine with two cores or more
        linear_probe(x, labels, x, labels)
        assert max(pool["num_threads"] for pool in threadpool_info()) == 2  # and restored after
    assert threads == [1]


def test_centroid_relay_ranks_by_the_class_mean_of_training_sketches():
    from sbsr.analysis import centroid_relay

    train = np.array([[0.0, 0.0], [0.0, 2.0], [10.0, 0.0], [10.0, 2.0]])
    labels = np.array([0, 0, 1, 1])
    test = np.array([[1.0, 1.0], [9.0, 1.0]])
    shapes = np.array([1, 0, 2])  # class 2 has no training sketch
    d = centroid_relay(train, labels, test, shapes)
    assert d.shape == (2, 3)
    np.testing.assert_allclose(d[:, :2], [[9.0, 1.0], [1.0, 9.0]])
    assert np.isinf(d[:, 2]).all()
