"""Choices made on a validation split, never on the test sketches.

:func:`sbsr.train.splits.validation_split` holds out, deterministically,
``per_class`` training sketches of every class; :func:`choose` trains each candidate configuration on
the remaining training sketches and scores it on the held-out ones, then
returns the best by validation mAP. The test sketches never enter: the split is
made from the training sketches alone and the :class:`~sbsr.train.experiment.Data`
it scores on has none of the test ones. The chosen configuration is then trained on every training
sketch and scored once on the test split (:func:`sbsr.train.experiment.run_ablations`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from sbsr.train.config import TrainConfig
from sbsr.train.experiment import Data, train_variants
from sbsr.train.splits import validation_split


def choose(
    data: Data,
    candidates: dict[str, TrainConfig],
    out_dir: str | Path,
    per_class: int = 10,
    seed: int = 0,
    evaluate: Callable | None = None,
    workers: int = 1,
) -> dict:
    """Train every candidate on :func:`~sbsr.train.splits.validation_split` of ``data`` and score it there.

    Returns ``{"best": name, "validation": {name: metrics}}``: the name with the
    highest validation mAP (the first such name on a tie), and each candidate's
    validation metrics. ``out_dir`` holds the trained stages, as for
    :func:`sbsr.train.experiment.train_variants`.
    """
    if not candidates:
        raise ValueError("no candidates to choose from")
    tuning = validation_split(data, per_class, seed)
    metrics = train_variants(tuning, list(candidates.values()), out_dir, evaluate, progress=False, workers=workers)
    scores = dict(zip(candidates, metrics))
    best = max(scores, key=lambda name: scores[name]["mAP"])  # max keeps the first of equal ones
    return {"best": best, "validation": scores}
