"""Retrieval index: top-k against brute force, metrics, bad input."""

import numpy as np
import pytest

from sbsr.retrieval import RetrievalIndex


@pytest.fixture
def gallery():
    rng = np.random.default_rng(0)
    emb = rng.normal(size=(500, 16)).astype(np.float32)
    ids = [f"{i + 1}" for i in range(500)]
    labels = rng.integers(0, 7, size=500)
    return emb, ids, labels


def brute_force(emb, q, metric):
    if metric == "cosine":
        e = emb / np.linalg.norm(emb, axis=1, keepdims=True)
        return 1 - e @ (q / np.linalg.norm(q))
    return np.linalg.norm(emb - q, axis=1)


@pytest.mark.parametrize("metric", ["euclidean", "cosine"])
def test_topk_matches_full_sort(gallery, metric):
    emb, ids, labels = gallery
    index = RetrievalIndex(emb, ids, labels, metric=metric)
    queries = np.random.default_rng(1).normal(size=(5, 16))
    indices, dist = index.topk(queries, k=10)
    for q, got, got_dist in zip(queries, indices, dist):
        expected = brute_force(emb.astype(np.float64), q, metric)
        np.testing.assert_array_equal(got, np.argsort(expected)[:10])
        np.testing.assert_allclose(got_dist, np.sort(expected)[:10], rtol=1e-4, atol=1e-4)


def test_search_returns_ids_classes_and_ascending_distances(gallery):
    emb, ids, labels = gallery
    names = [f"class{c}" for c in range(7)]
    index = RetrievalIndex(emb, ids, labels, class_names=names)
    ranking = index.search(emb[42] + 1e-3, k=4)
    assert len(ranking) == 4
    assert ranking.model_ids[0] == "43" and ranking.classes[0] == names[labels[42]]
    assert ranking.labels[0] == labels[42]
    assert np.all(np.diff(ranking.distances) >= 0) and ranking.distances[0] < 0.01


def test_k_larger_than_the_gallery_ranks_everything(gallery):
    emb, ids, labels = gallery
    index = RetrievalIndex(emb[:6], ids[:6], labels[:6])
    ranking = index.search(np.zeros(16), k=50)
    assert sorted(ranking.indices.tolist()) == list(range(6))


def test_classes_default_to_label_text(gallery):
    emb, ids, labels = gallery
    ranking = RetrievalIndex(emb, ids, labels).search(emb[0], k=1)
    assert ranking.classes == [str(labels[0])]


@pytest.mark.parametrize(
    "args, match",
    [
        ({"shape_emb": np.zeros((0, 4))}, "non-empty"),
        ({"shape_emb": np.full((3, 4), np.nan)}, "non-finite"),
        ({"model_ids": ["1", "2"]}, "3 shape embeddings"),
        ({"metric": "manhattan"}, "metric"),
        ({"class_names": ["a"]}, "class_names"),
    ],
)
def test_bad_index_arguments(args, match):
    kwargs = {"shape_emb": np.zeros((3, 4)), "model_ids": ["1", "2", "3"], "labels": [0, 1, 1], **args}
    with pytest.raises(ValueError, match=match):
        RetrievalIndex(**kwargs)


def test_bad_queries(gallery):
    emb, ids, labels = gallery
    index = RetrievalIndex(emb, ids, labels)
    with pytest.raises(ValueError, match=r"\(Q, 16\)"):
        index.topk(np.zeros((2, 8)))
    with pytest.raises(ValueError, match="one query"):
        index.search(np.zeros((2, 16)))
    with pytest.raises(ValueError, match="k=0"):
        index.topk(np.zeros((1, 16)), k=0)
    with pytest.raises(ValueError, match="non-finite"):
        index.search(np.full(16, np.inf))


# ---------------------------------------------------------------- sbsr retrieve


@pytest.fixture
def demo_file(mini_tree, tmp_path):
    """A demo file with untrained quick-preset nets over a miniature benchmark (5 models)."""
    import torch

    from sbsr.demo.model import save_demo_model
    from sbsr.models import MetricNet, Transform
    from sbsr.train.config import preset
    from sbsr.train.stages import build_encoder

    root = mini_tree("synth")
    config = preset("quick")
    torch.manual_seed(0)
    cnn = build_encoder(config.sketch, "sketch")
    net = MetricNet(cnn.out_features, config.metric.hidden, config.metric.out_features)
    transform = Transform(config.metric.out_features, config.spal.transform_hidden)
    shape_emb = torch.nn.functional.normalize(torch.randn(5, config.metric.out_features), dim=1)
    path = tmp_path / "demo.pt"
    save_demo_model(path, config=config.to_dict(), benchmark_root=root, sketch_cnn=cnn,
                    variants={"no_adaptation": (net, None, shape_emb), "full": (net, transform, shape_emb)})
    return path, root


def test_retrieve_prints_the_ranking_and_writes_a_rank_list(demo_file, tmp_path, capsys):
    from sbsr.cli import main
    from sbsr.rank_lists import read_rank_list

    path, root = demo_file
    sketch = next(root.glob("SHREC13_SBR_TESTING_SKETCHES/*/test/*.png"))
    assert main(["retrieve", str(sketch), "--checkpoint", str(path), "--top", "3",
                 "--rank-list", str(tmp_path / "ranks")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len([line for line in out if line.strip()[:1].isdigit()]) == 3
    ranks = read_rank_list(tmp_path / "ranks" / sketch.stem)  # the official format's reader
    assert ranks.query == sketch.stem
    assert sorted(ranks.models) == [f"m{i}" for i in range(1, 6)]  # every target, once
    assert list(ranks.distances) == sorted(ranks.distances)
    assert [line.split()[1] for line in out[1:4]] == list(ranks.models[:3])  # printed top 3 = its first 3


@pytest.mark.parametrize("problem", ["missing_sketch", "corrupt_sketch", "missing_checkpoint",
                                     "not_a_checkpoint", "unknown_variant"])
def test_retrieve_bad_input_is_one_clear_error(demo_file, tmp_path, capsys, problem):
    from sbsr.cli import main

    path, root = demo_file
    sketch = next(root.glob("SHREC13_SBR_TESTING_SKETCHES/*/test/*.png"))
    corrupt = tmp_path / "corrupt.png"
    corrupt.write_bytes(b"not a png")
    args, expected = {
        "missing_sketch": ([str(tmp_path / "nope.png"), "--checkpoint", str(path)], "nope.png does not exist"),
        "corrupt_sketch": ([str(corrupt), "--checkpoint", str(path)], "corrupt.png: unreadable"),
        "missing_checkpoint": ([str(sketch), "--checkpoint", str(tmp_path / "x.pt")], "make it with: make demo"),
        "not_a_checkpoint": ([str(sketch), "--checkpoint", str(corrupt)], "not a readable demo model"),
        "unknown_variant": ([str(sketch), "--checkpoint", str(path), "--variant", "cmd_only"],
                            "it has: no_adaptation, full"),
    }[problem]
    assert main(["retrieve", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and expected in err and "Traceback" not in err
