"""Choices made on a validation split, never on the test sketches.

:func:`sbsr.train.splits.validation_split` holds out, deterministically,
``per_class`` training sketches of every class; a candidate configuration trains on the
remaining training sketches and is scored on the held-out ones. The test sketches never
enter: the split is made from the training sketches alone and the
:class:`~sbsr.train.experiment.Data` it scores on has none of the test ones.

* :func:`choose` scores candidates with one training seed and returns the best;
* :func:`search` is the study's search: rounds of one-change-at-a-time candidates for
  each method, each round starting from the previous round's best, then the three best
  configurations retrained with several seeds, the best mean chosen, and whether the
  runner-up is within the validation noise (the 95 % interval of their paired difference
  holds 0).

The chosen configuration is then trained on every training sketch and scored once on the
test split (:func:`sbsr.train.experiment.run_ablations`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

from sbsr.intervals import mean_interval, paired_difference
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


def search(
    data: Data,
    base: TrainConfig,
    spaces: dict[str, list[dict[str, dict]]],
    out_dir: str | Path,
    seeds: tuple[int, ...] = (0, 1, 2),
    top: int = 3,
    per_class: int = 10,
    evaluate: Callable | None = None,
    workers: int = 1,
) -> dict[str, dict]:
    """The validation search of each variant in ``spaces`` (the same procedure for every method).

    ``spaces[variant]`` is a list of rounds; a round maps a candidate's name to its changes
    (``section.field`` overrides, ``{}`` for the round's starting point). Round 1 starts
    from ``base``; each later round adds its changes to the previous round's best. Every
    candidate is trained with ``seeds[0]`` and scored on the validation split (the rounds
    of all variants side by side on ``workers`` processes). The ``top`` best distinct
    configurations of all rounds are then trained with every seed of ``seeds``; the best
    mean validation mAP is chosen (the rule fixed before any score is seen).

    Returns per variant: ``rounds`` (per round, each candidate's changes and screening
    mAP), ``confirmed`` (the top ones, best first: name, round, changes, per-seed mAP and
    the mean's interval), ``best`` (its name and ``changes``), ``runner_up_gap`` (best minus
    second, paired by seed, with its interval) and ``decided`` (False when that interval
    holds 0: the two are within the validation noise).
    """
    tuning = validation_split(data, per_class)
    found = {v: {"rounds": [], "start": {}, "best": None} for v in spaces}

    def named(v, name, changes):  # a later round's "start" is the previous round's best
        return f"{name}: {found[v]['best']}" if not changes and found[v]["best"] else name

    for r in range(max(len(rounds) for rounds in spaces.values())):
        slots = [(v, named(v, name, changes), {**found[v]["start"], **changes})
                 for v, rounds in spaces.items() if r < len(rounds) for name, changes in rounds[r].items()]
        configs = [base.replace(variant=v, seed=seeds[0], **changes) for v, _, changes in slots]
        metrics = train_variants(tuning, configs, out_dir, evaluate, progress=False, workers=workers)
        for v in spaces:
            scored = [{"name": name, "round": r + 1, "changes": changes, "mAP": m["mAP"]}
                      for (w, name, changes), m in zip(slots, metrics) if w == v]
            if scored:
                found[v]["rounds"].append(scored)
                best = max(scored, key=lambda c: c["mAP"])
                found[v]["start"], found[v]["best"] = best["changes"], best["name"]

    finalists = {}
    for v in spaces:
        distinct = {}  # by the configuration they train: a round's "start" repeats the previous best
        for candidate in sorted((c for rnd in found[v]["rounds"] for c in rnd), key=lambda c: -c["mAP"]):
            trained = base.replace(variant=v, **candidate["changes"]).to_dict()
            distinct.setdefault(json.dumps(trained, sort_keys=True), candidate)
        finalists[v] = list(distinct.values())[:top]
    slots = [(v, c, s) for v in spaces for c in finalists[v] for s in seeds]
    metrics = train_variants(tuning, [base.replace(variant=v, seed=s, **c["changes"]) for v, c, s in slots],
                             out_dir, evaluate, progress=False, workers=workers)
    results = {}
    for v in spaces:
        confirmed = []
        for c in finalists[v]:
            per_seed = [m["mAP"] for (w, d, _), m in zip(slots, metrics) if w == v and d is c]
            confirmed.append({**c, "per_seed": per_seed, "validation": mean_interval(per_seed)})
        confirmed.sort(key=lambda c: -c["validation"]["mean"])
        gap = (paired_difference(confirmed[0]["per_seed"], confirmed[1]["per_seed"])
               if len(confirmed) > 1 else None)
        results[v] = {"rounds": found[v]["rounds"], "confirmed": confirmed,
                      "best": {"name": confirmed[0]["name"], "changes": confirmed[0]["changes"]},
                      "runner_up_gap": gap,
                      "decided": gap is not None and gap["n"] > 1 and gap["low"] > 0}
    return results
