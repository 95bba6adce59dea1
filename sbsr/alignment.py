"""How well two modalities line up in one embedding space: three numbers and a picture.

Sketch embeddings ``a`` and shape embeddings ``b`` (rows are samples) are
aligned when

* the nearest shape of a sketch has the sketch's class
  (:func:`nearest_neighbour_accuracy`);
* a classifier cannot tell which modality a point came from
  (:func:`domain_accuracy`: 0.5 means indistinguishable);
* each class sits in the same place in both modalities
  (:func:`centroid_distance`, the CMD of :func:`sbsr.losses.cmd_loss` over whole sets).

:func:`tsne_points` and :func:`tsne_figure` draw both sets in 2-d. The
scikit-learn steps run on one BLAS/OpenMP thread: on a busy 2-core machine
idle threads spin, and t-SNE of a few hundred points took 50x longer on two.
Explained in notebooks/05_tsne.ipynb.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.colors import qualitative
from sklearn.linear_model import LogisticRegression
from sklearn.manifold import TSNE
from sklearn.model_selection import StratifiedKFold, cross_val_score
from threadpoolctl import threadpool_limits

MODALITY_SYMBOLS = {"sketch": "circle", "shape": "diamond"}
#: The marker of each modality, sketches small filled circles and shapes larger diamonds
#: with a dark outline, so the two read apart at a glance.
MODALITY_MARKERS = {"sketch": {"size": 7, "line": {"width": 0}},
                    "shape": {"size": 13, "line": {"width": 1.5, "color": "#222222"}}}


def class_palette(num_classes: int) -> list[str]:
    """Colours for ``num_classes`` classes: Tableau's 10 (distinct, print- and
    colour-blind-friendly) up to 10 classes, Alphabet's 26 up to 26, then repeated."""
    return list(qualitative.T10 if num_classes <= 10 else qualitative.Alphabet)


def _points(name: str, x) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 2 or len(x) == 0:
        raise ValueError(f"{name} must be a non-empty 2-d array (samples x features), got shape {x.shape}")
    if not np.isfinite(x).all():
        raise ValueError(f"{name} has non-finite values")
    return x


def _labels(name: str, labels, n: int) -> np.ndarray:
    labels = np.asarray(labels)
    if labels.shape != (n,):
        raise ValueError(f"{name} must have one label per sample ({n}), got shape {labels.shape}")
    return labels


def nearest_neighbour_accuracy(queries, query_labels, gallery, gallery_labels) -> float:
    """Share of ``queries`` whose nearest ``gallery`` point (Euclidean) has their label.

    Ties go to the first gallery point, so on distinct distances this is the
    SHREC NN score of :func:`sbsr.metrics.evaluate`.
    """
    queries, gallery = _points("queries", queries), _points("gallery", gallery)
    query_labels = _labels("query_labels", query_labels, len(queries))
    gallery_labels = _labels("gallery_labels", gallery_labels, len(gallery))
    if queries.shape[1] != gallery.shape[1]:
        raise ValueError(f"queries have {queries.shape[1]} features, gallery {gallery.shape[1]}")
    squared = (queries**2).sum(1, keepdims=True) + (gallery**2).sum(1) - 2.0 * queries @ gallery.T
    nearest = squared.argmin(1)
    return float(np.mean(gallery_labels[nearest] == query_labels))


def domain_accuracy(a, b, folds: int = 5, seed: int = 0) -> float:
    """Cross-validated balanced accuracy of logistic regression telling ``a`` from ``b``.

    ``folds``-fold stratified cross-validation (shuffled with ``seed``); the
    balanced accuracy (mean of the per-modality recalls) makes 0.5 chance
    even when the sets differ in size. 0.5: the modalities are
    indistinguishable to a linear classifier; 1.0: perfectly separable.
    """
    a, b = _points("a", a), _points("b", b)
    if a.shape[1] != b.shape[1]:
        raise ValueError(f"a has {a.shape[1]} features, b {b.shape[1]}")
    if folds < 2 or min(len(a), len(b)) < folds:
        raise ValueError(f"folds must be >= 2 and at most the smaller set's size "
                         f"({min(len(a), len(b))}), got {folds}")
    x = np.concatenate([a, b])
    y = np.r_[np.zeros(len(a), int), np.ones(len(b), int)]
    splits = StratifiedKFold(folds, shuffle=True, random_state=seed)
    with threadpool_limits(1):
        scores = cross_val_score(LogisticRegression(max_iter=2000), x, y, cv=splits,
                                 scoring="balanced_accuracy")
    return float(scores.mean())


def centroid_distance(a, a_labels, b, b_labels) -> float:
    r"""Mean over the classes in both sets of the distance between their class centroids.

    .. math:: \frac{1}{|C|} \sum_{c \in C} \| \mu^a_c - \mu^b_c \|_2

    with :math:`\mu^a_c` the mean of the rows of ``a`` labelled ``c``: the CMD
    of :func:`sbsr.losses.cmd_loss` computed over whole sets, not a batch.
    """
    a, b = _points("a", a), _points("b", b)
    a_labels, b_labels = _labels("a_labels", a_labels, len(a)), _labels("b_labels", b_labels, len(b))
    classes = np.intersect1d(a_labels, b_labels)
    if len(classes) == 0:
        raise ValueError("a and b share no class")
    gaps = [a[a_labels == c].mean(0) - b[b_labels == c].mean(0) for c in classes]
    return float(np.mean(np.linalg.norm(gaps, axis=1)))


def first_classes(labels, num_classes: int) -> np.ndarray:
    """Boolean mask of the samples whose label is among the ``num_classes`` smallest labels."""
    labels = np.asarray(labels)
    if num_classes < 1:
        raise ValueError(f"num_classes must be >= 1, got {num_classes}")
    return np.isin(labels, np.unique(labels)[:num_classes])


def tsne_points(points, seed: int = 0, perplexity: float = 30.0) -> np.ndarray:
    """2-d t-SNE coordinates of ``points`` (PCA start; perplexity capped below the sample count)."""
    points = _points("points", points)
    if len(points) < 3:
        raise ValueError(f"t-SNE needs at least 3 points, got {len(points)}")
    perplexity = min(perplexity, (len(points) - 1) / 3)
    with threadpool_limits(1):
        return TSNE(2, perplexity=perplexity, init="pca", random_state=seed).fit_transform(points)


def tsne_figure(coords, labels, modalities, ids, class_names, title: str) -> go.Figure:
    """Scatter of 2-d ``coords``: colour = class (:func:`class_palette`), marker = modality
    (:data:`MODALITY_MARKERS`), hover = id and class.

    ``labels`` index ``class_names``; ``modalities`` holds "sketch" or "shape"
    per point; one trace per class and modality, one legend entry per class (it
    hides both), the symbols named in the legend's title.
    """
    coords = _points("coords", coords)
    labels = _labels("labels", labels, len(coords))
    modalities = _labels("modalities", modalities, len(coords))
    ids = _labels("ids", ids, len(coords))
    unknown = set(modalities.tolist()) - set(MODALITY_SYMBOLS)
    if unknown:
        raise ValueError(f"modalities must be 'sketch' or 'shape', got {sorted(unknown)}")
    classes = np.unique(labels)
    palette = class_palette(len(classes))
    fig = go.Figure()
    for k, c in enumerate(classes):
        colour, first = palette[k % len(palette)], True
        for modality, symbol in MODALITY_SYMBOLS.items():
            keep = (labels == c) & (modalities == modality)
            if keep.any():
                fig.add_scatter(
                    x=coords[keep, 0], y=coords[keep, 1], mode="markers", name=class_names[c],
                    legendgroup=class_names[c], showlegend=first,
                    marker=dict(color=colour, symbol=symbol, **MODALITY_MARKERS[modality]),
                    text=[f"{modality} {i}<br>{class_names[c]}" for i in ids[keep]], hoverinfo="text")
                first = False
    # the legend under the plot: beside it, it took half of a phone's width
    fig.update_layout(title=title, xaxis_title="t-SNE 1", yaxis_title="t-SNE 2", height=620,
                      legend=dict(title_text="● sketch  ◆ shape   ", font=dict(size=13), orientation="h",
                                  yanchor="top", y=-0.15, x=0, tracegroupgap=0),
                      margin=dict(l=50, r=10, t=60, b=40))
    return fig
