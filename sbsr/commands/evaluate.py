"""``sbsr evaluate``: the SHREC table (NN FT ST E DCG mAP) of rank lists or of features.

Two inputs:

``--rank-lists DIR --model-cla F --sketch-cla F``
    one official rank list per query in ``DIR`` (see :mod:`sbsr.rank_lists`).

``--features FILE``
    an ``.npz`` file with ``query_features`` (Q, D), ``query_labels`` (Q,),
    ``target_features`` (T, D), ``target_labels`` (T,) and optionally
    ``metric``, the string ``"euclidean"`` (default) or ``"cosine"``
    (1 - cosine similarity). Labels are class names or integer ids.

``--pr-csv PATH`` writes the 20-point PR curve as CSV (``recall,precision``),
``--pr-html PATH`` as a self-contained plotly page (plotly.js embedded, works
offline).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import numpy as np

from sbsr.commands.data import reports_errors
from sbsr.retrieval import METRICS, RetrievalIndex

FEATURE_KEYS = ("query_features", "query_labels", "target_features", "target_labels")


def load_features(path: str | os.PathLike) -> tuple[np.ndarray, np.ndarray, np.ndarray, str]:
    """Read a features ``.npz``: ``(distances (Q, T), query_labels, target_labels, metric)``.

    Distances are those of ``sbsr.retrieval.RetrievalIndex`` (float32).
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"--features {path}: no such file")
    with np.load(path, allow_pickle=False) as data:
        missing = [k for k in FEATURE_KEYS if k not in data.files]
        if missing:
            raise ValueError(f"{path}: missing array(s) {', '.join(missing)}; "
                             f"a features file holds {', '.join(FEATURE_KEYS)} [+ metric]")
        queries, targets = data["query_features"], data["target_features"]
        query_labels, target_labels = data["query_labels"], data["target_labels"]
        metric = str(data["metric"]) if "metric" in data.files else "euclidean"
    if metric not in METRICS:
        raise ValueError(f"{path}: metric must be one of {METRICS}, got {metric!r}")
    if queries.ndim != 2 or targets.ndim != 2 or queries.shape[1] != targets.shape[1]:
        raise ValueError(f"{path}: query_features {queries.shape} and target_features "
                         f"{targets.shape} must be (Q, D) and (T, D) with the same D")
    codes = np.unique(target_labels, return_inverse=True)[1]
    index = RetrievalIndex(targets, [str(i) for i in range(len(targets))], codes, metric=metric)
    return index.distances(queries), query_labels, target_labels, metric


def pr_csv(recall: np.ndarray, precision: np.ndarray) -> str:
    """The PR curve as CSV text, one ``recall,precision`` line per level (NaN: no query)."""
    lines = ["recall,precision"] + [f"{r:.2f},{p:.6f}" for r, p in zip(recall, precision)]
    return "\n".join(lines) + "\n"


def pr_figure(recall: np.ndarray, precision: np.ndarray, title: str = "Precision-recall"):
    """A plotly figure of the 20-point PR curve."""
    import plotly.graph_objects as go

    fig = go.Figure(go.Scatter(x=recall, y=precision, mode="lines+markers", name="precision"))
    fig.update_layout(title=title, xaxis_title="recall", yaxis_title="precision",
                      xaxis_range=[0, 1.02], yaxis_range=[0, 1.02], template="plotly_white")
    return fig


@reports_errors
def run(args) -> int:
    from sbsr.io import write_text
    from sbsr.metrics import evaluate
    from sbsr.rank_lists import evaluate_rank_lists

    if args.rank_lists and not (args.model_cla and args.sketch_cla):
        args.parser.error("--rank-lists needs --model-cla and --sketch-cla")
    if args.features and (args.model_cla or args.sketch_cla):
        args.parser.error("--model-cla and --sketch-cla go with --rank-lists, not --features")
    if args.features:
        dist, query_labels, target_labels, metric = load_features(args.features)
        scores = evaluate(dist, query_labels, target_labels)
        source = f"{args.features} ({metric} distance)"
    else:
        scores = evaluate_rank_lists(args.rank_lists, args.model_cla, args.sketch_cla)
        source = f"rank lists in {args.rank_lists}"
    print(f"{source}: {len(scores.class_sizes)} queries")
    print(scores.table())
    print(f"PR-mean (mean of the 20 PR points; not mAP): {scores['PR-mean']:.3f}")
    if args.pr_csv:
        write_text(args.pr_csv, pr_csv(scores.recall, scores.precision))
        print(f"wrote {args.pr_csv}")
    if args.pr_html:
        fig = pr_figure(scores.recall, scores.precision, title=f"Precision-recall: {source}")
        write_text(args.pr_html, fig.to_html(include_plotlyjs=True, full_html=True))
        print(f"wrote {args.pr_html}")
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "evaluate", help="SHREC scores (NN FT ST E DCG mAP, PR curve) of rank lists or features",
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--rank-lists", metavar="DIR", help="folder of official rank lists")
    source.add_argument("--features", metavar="FILE", help="features .npz (see above)")
    parser.add_argument("--model-cla", metavar="F", help="model .cla file (with --rank-lists)")
    parser.add_argument("--sketch-cla", metavar="F", help="query .cla file (with --rank-lists)")
    parser.add_argument("--pr-csv", metavar="PATH", help="write the PR curve as CSV")
    parser.add_argument("--pr-html", metavar="PATH", help="write the PR curve as plotly HTML")
    parser.set_defaults(func=run, parser=parser)
