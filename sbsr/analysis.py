"""What the per-modality stages learn: retrieval within one modality, and training curves.

Used by the chapters on features (``notebooks/02_features.ipynb``) and on
metric learning (``notebooks/03_metric_learning.ipynb``):

* :func:`leave_one_out_scores`: every item queries all the *other* items of
  its own set (shapes against shapes), scored with the SHREC metrics;
* :func:`within_modality`: test sketches against training sketches, and
  shapes against shapes (leave-one-out), for features or embeddings;
* :func:`metric_embeddings`: the per-modality metric nets of a config
  (trained or loaded from the shared cache) applied to the CNN features;
* :func:`random_rotation`: an orthogonal map, to show that a space's
  coordinates mean nothing to retrieval within it;
* :func:`linear_probe`: how many test sketches a linear classifier on the
  sketch features recognises (the benchmark's sketch recognisability);
* :func:`centroid_relay`: a diagnostic ranking of the shapes that needs no T;
* :func:`training_curves`: a plotly figure of per-step records of stages.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import torch

from sbsr.metrics import PER_QUERY, RECALL_LEVELS, RetrievalScores, evaluate, query_scores
from sbsr.plotting import LEGEND_ABOVE
from sbsr.train import stages
from sbsr.train.config import TrainConfig
from sbsr.train.experiment import Data, distances, metric_nets


def leave_one_out_scores(items, labels, block: int = 1024) -> RetrievalScores:
    """SHREC scores of each item as a query against all other items of the same set.

    ``items``: ``(M, F)`` array or tensor; ``labels``: ``(M,)``. Distances are
    Euclidean; ties are ranked by item index, as in :func:`sbsr.metrics.evaluate`.
    For query ``i`` the relevant targets are the other items of its class
    (C = class size - 1), so items alone in their class are left out; the
    per-query arrays of the result follow the order of the items kept.
    """
    x = torch.as_tensor(np.asarray(items), dtype=torch.float64)
    labels = np.asarray(labels)
    if x.ndim != 2 or labels.shape != (len(x),):
        raise ValueError(f"items must be (M, F) with M labels, got items {tuple(x.shape)} "
                         f"and labels {labels.shape}")
    classes, counts = np.unique(labels, return_counts=True)
    size = dict(zip(classes.tolist(), counts.tolist()))
    kept = np.array([i for i, c in enumerate(labels.tolist()) if size[c] > 1], dtype=np.int64)
    if kept.size == 0:
        raise ValueError("no class has two items: leave-one-out retrieval has no relevant target")
    m = len(x)
    per_query = {name: np.empty(len(kept)) for name in PER_QUERY}
    pr = np.empty((len(kept), len(RECALL_LEVELS)))
    class_sizes = np.empty(len(kept), dtype=np.int64)
    for start in range(0, len(kept), block):
        rows = kept[start:start + block]
        dist = torch.cdist(x[rows], x).numpy()
        dist[np.arange(len(rows)), rows] = np.inf  # the query itself goes last ...
        order = np.argsort(dist, axis=1, kind="stable")
        rank_of = np.empty_like(order)
        np.put_along_axis(rank_of, order, np.broadcast_to(np.arange(1, m + 1), order.shape), axis=1)
        for c in np.unique(labels[rows]):
            sel = np.flatnonzero(labels[rows] == c)
            ranks = np.sort(rank_of[sel][:, labels == c], axis=1)[:, :-1]  # ... and is dropped
            scores, pr[start + sel] = query_scores(ranks)
            for name, values in scores.items():
                per_query[name][start + sel] = values
            class_sizes[start + sel] = ranks.shape[1]
    return RetrievalScores(per_query, pr, class_sizes)


def within_modality(embeddings: dict, data: Data) -> dict[str, RetrievalScores]:
    """Retrieval inside each modality, for CNN features or metric-net embeddings.

    ``embeddings`` holds ``sketch_train``, ``sketch_test`` and ``shapes`` (as
    returned by :func:`sbsr.train.experiment.backbone_features` or
    :func:`metric_embeddings`). Returns ``{"sketches": test sketches against
    training sketches, "shapes": shapes against shapes, leave-one-out}``.
    """
    missing = {"sketch_train", "sketch_test", "shapes"} - set(embeddings)
    if missing:
        raise ValueError(f"embeddings lack {sorted(missing)}")
    sketch_test, sketch_train = (torch.as_tensor(embeddings[k]) for k in ("sketch_test", "sketch_train"))
    return {
        "sketches": evaluate(distances(sketch_test, sketch_train), data.sketch_test_labels,
                             data.sketch_train_labels),
        "shapes": leave_one_out_scores(embeddings["shapes"], data.shape_labels),
    }


def metric_embeddings(features: dict, data: Data, config: TrainConfig, cache: str | Path,
                      progress: bool = True) -> tuple[dict[str, torch.Tensor], dict[str, list]]:
    """The metric nets of ``config`` (stages c, d: trained, or loaded from ``cache``) applied
    to ``features``: returns ``(embeddings, history)`` with embeddings of ``sketch_train``,
    ``sketch_test`` and ``shapes`` and the histories of ``sketch_metric`` and ``shape_metric``.

    ``cache`` is the folder :func:`sbsr.train.experiment.train_variant` uses for shared
    stages (``out_dir / "cache"``), so the nets are the ones the variants use.
    """
    with stages.cpu_threads(config.cpu_threads):
        sketch_net, shape_net, history = metric_nets(features, data, config, Path(cache), progress)
    embeddings = {name: stages.embed(sketch_net, features[name]) for name in ("sketch_train", "sketch_test")}
    embeddings["shapes"] = stages.embed(shape_net, features["shapes"])
    return embeddings, history


def random_rotation(dim: int, seed: int = 0) -> torch.Tensor:
    """A random orthogonal ``(dim, dim)`` matrix (QR of a Gaussian one, signs fixed).

    ``x @ R`` keeps every distance inside a space, so retrieval within it does
    not change; it only changes which coordinate holds what.
    """
    if dim < 1:
        raise ValueError(f"dim must be >= 1, got {dim}")
    generator = torch.Generator().manual_seed(seed)
    q, r = torch.linalg.qr(torch.randn(dim, dim, generator=generator, dtype=torch.float64))
    return q * torch.sign(torch.diagonal(r))


def linear_probe(train_features, train_labels, test_features, test_labels, **more) -> dict[str, float]:
    """Accuracy of a logistic-regression classifier on standardised features: fitted on
    the training items, scored on them (``train``) and on the test items (``test``).
    Each further keyword, ``name=(features, labels)``, is scored by the same fit as
    ``name``: one fit for every set of items (the fit is the probe's cost).

    On the sketch backbone's features this measures how recognisable the sketches are,
    to compare with the 73 % of TU-Berlin sketches people recognise.

    It runs on one BLAS thread, as :mod:`sbsr.alignment` does: beside training on every
    core, idle threads spin and the fit takes several times longer; and one thread makes
    the same fit on machines with any number of cores.
    """
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from threadpoolctl import threadpool_limits

    sets = {"train": (train_features, train_labels), "test": (test_features, test_labels), **more}
    arrays = {}
    for name, (features, labels) in sets.items():
        x, y = np.asarray(torch.as_tensor(features, dtype=torch.float32)), np.asarray(labels)
        if len(x) != len(y):
            raise ValueError(f"features and labels of {name!r} differ in length: {len(x)} vs {len(y)}")
        arrays[name] = x, y
    with threadpool_limits(1):
        probe = make_pipeline(StandardScaler(), LogisticRegression(max_iter=3000)).fit(*arrays["train"])
        return {name: float((probe.predict(x) == y).mean()) for name, (x, y) in arrays.items()}


def centroid_relay(sketch_train_emb, sketch_train_labels, sketch_test_emb, shape_labels) -> np.ndarray:
    """Query x shape distances that need no transformation network: a shape is as far from
    a test sketch as the mean training-sketch embedding of the shape's class is.

    A diagnostic, not a method: it uses the training sketches' labels at query time. It
    tells how much class information the sketch embedding alone carries to the shapes.
    A shape of a class without training sketches is infinitely far.
    """
    train = torch.as_tensor(np.asarray(sketch_train_emb), dtype=torch.float64)
    labels, shape_labels = np.asarray(sketch_train_labels), np.asarray(shape_labels)
    classes = np.unique(labels)
    centroids = torch.stack([train[torch.as_tensor(labels == c)].mean(0) for c in classes])
    to_centroid = torch.cdist(torch.as_tensor(np.asarray(sketch_test_emb), dtype=torch.float64), centroids).numpy()
    column = np.searchsorted(classes, shape_labels).clip(0, len(classes) - 1)
    distances = to_centroid[:, column]
    distances[:, classes[column] != shape_labels] = np.inf
    return distances


def moving_average(values, window: int) -> np.ndarray:
    """Mean of the last ``window`` values at each position (fewer at the start)."""
    values = np.asarray(values, dtype=np.float64)
    if window < 1:
        raise ValueError(f"window must be >= 1, got {window}")
    total = np.cumsum(np.concatenate([[0.0], values]))
    start = np.maximum(np.arange(1, len(values) + 1) - window, 0)
    return (total[1:] - total[start]) / (np.arange(1, len(values) + 1) - start)


def training_curves(history: dict[str, list[dict]], names: list[str], key: str = "loss",
                    window: int = 1, title: str = "") -> go.Figure:
    """One line per stage in ``names``: ``key`` of each step's record against the step,
    smoothed by a moving average over ``window`` steps."""
    fig = go.Figure()
    for name in names:
        if name not in history:
            raise ValueError(f"history has no stage {name!r}; it has {sorted(history)}")
        records = [r for r in history[name] if key in r]
        if not records:
            raise ValueError(f"the records of stage {name!r} have no {key!r}")
        fig.add_trace(go.Scatter(x=[r["step"] for r in records],
                                 y=moving_average([r[key] for r in records], window),
                                 mode="lines", name=name))
    smoothed = f" (mean of the last {window} steps)" if window > 1 else ""
    fig.update_layout(title=title, xaxis_title="step", yaxis_title=key + smoothed, height=380, legend=LEGEND_ABOVE)
    return fig
