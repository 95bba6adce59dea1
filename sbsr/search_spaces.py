"""The candidates of the book's validation search (``notebooks/08_validation_search.ipynb``).

Both methods get the same procedure (:func:`sbsr.train.tuning.search`) and the same number
of candidates: round 1 varies the form of the network the method learns last (DCA: $T$;
the baseline: its joint metric networks), round 2 how it trains, from round 1's best.
The search starts from :data:`ORIGIN`, the settings `sbsr` had before it (2026-12-02),
not from the defaults, so that it is the same search whatever the defaults are: the
defaults were then set to its choice, and the chapter checks that they still are.
The search for a stronger adversary (:func:`adversary_space`) starts from DCA's choice.
:func:`run_searches` runs both and a diagnosis of the public re-implementation's $T$. They
keep both cores busy for over ten minutes, more than the book's half-hour build
can give them beside the other chapters: ``book/measure_search.py`` runs them and writes a
record that the chapter shows (:func:`read_search_record`) when it answers the searches
the chapter would run (:func:`search_digest`). The table builders show a round and the
confirmation of the best.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from sbsr.intervals import format_interval
from sbsr.train.config import TrainConfig
from sbsr.train.experiment import Data, train_variant
from sbsr.train.splits import validation_split
from sbsr.train.tuning import search

#: The searched settings as they were before the search (sbsr on 2026-12-02).
ORIGIN = {
    "spal.transform_hidden": [64, 32, 64], "spal.transform_batchnorm": True, "spal.transform_output": "linear",
    "spal.residual": False, "spal.shape_lr": 0.0, "spal.sketch_lr": 0.0, "finetune.steps": 0,
    "finetune.shape_lr": 1e-5, "spal.cmd_reduction": "mean", "spal.metric_pairs": "sketch-shape",
    "metric.margin": 0.2,
    "joint.hidden": [512, 256], "joint.out_features": 128, "joint.margin": 0.2, "joint.steps": 1500,
    "joint.lr": 1e-3, "joint.classes_per_batch": 16, "joint.samples_per_class": 4,
}


def _t(hidden, batchnorm=True, output="linear", residual=False) -> dict:
    return {"spal.transform_hidden": list(hidden), "spal.transform_batchnorm": batchnorm,
            "spal.transform_output": output, "spal.residual": residual}


def _joint(hidden, width) -> dict:
    return {"joint.hidden": list(hidden), "joint.out_features": width}


#: Round 1 of DCA, T's form (the first is the origin's).
T_FORMS = {
    "T 64-32-64": _t((64, 32, 64)),
    "T 64-32-64, no batch norm, tanh (the re-implementation)": _t((64, 32, 64), False, "tanh"),
    "T 256-256": _t((256, 256)),
    "T 512-512": _t((512, 512)),
    "T 512-512-512": _t((512, 512, 512)),
    "T 1024-1024": _t((1024, 1024)),
    "T 512-512, residual": _t((512, 512), residual=True),
}
#: Round 1 of the joint baseline, its metric networks' hidden layers and embedding width.
JOINT_FORMS = {
    "512-256 → 128": _joint((512, 256), 128),
    "512-256 → 64": _joint((512, 256), 64),
    "512-256 → 256": _joint((512, 256), 256),
    "256 → 128": _joint((256,), 128),
    "1024-512-256 → 128": _joint((1024, 512, 256), 128),
    "1024-1024 → 128": _joint((1024, 1024), 128),
    "1024-512 → 256": _joint((1024, 512), 256),
}
#: Round 2 of DCA, changes to round 1's best.
DCA_TRAINING = {
    "start": {},
    "shape side learns in SPAL, lr 1e-4": {"spal.shape_lr": 1e-4},
    "shape side learns in SPAL, lr 1e-3": {"spal.shape_lr": 1e-3},
    "sketch side learns in SPAL, lr 1e-4": {"spal.sketch_lr": 1e-4},
    "then 1,000 steps of stage (f), shape lr 1e-4": {"finetune.steps": 1000, "finetune.shape_lr": 1e-4},
    "CMD summed over classes": {"spal.cmd_reduction": "sum"},
    "metric loss among transformed sketches": {"spal.metric_pairs": "sketch-sketch"},
    "metric nets' margin 0.1": {"metric.margin": 0.1},
    "metric nets' margin 0.4": {"metric.margin": 0.4},
}
#: Round 2 of the joint baseline, changes to round 1's best.
JOINT_TRAINING = {
    "start": {},
    "margin 0.1": {"joint.margin": 0.1},
    "margin 0.4": {"joint.margin": 0.4},
    "750 steps": {"joint.steps": 750},
    "3,000 steps": {"joint.steps": 3000},
    "lr 3e-4": {"joint.lr": 3e-4},
    "lr 3e-3": {"joint.lr": 3e-3},
    "32 classes a batch": {"joint.classes_per_batch": 32},
    "8 per class a batch": {"joint.samples_per_class": 8},
}


def search_base(config: TrainConfig, quick: bool = False) -> TrainConfig:
    """``config`` with the searched settings as in :data:`ORIGIN`: where the search starts.
    ``quick``: the joint baseline keeps ``config``'s number of steps (the quick preset's
    150, not the 1,500 of the full-size search), so that a search in quick mode is as
    short as the rest of quick mode."""
    origin = {k: v for k, v in ORIGIN.items() if not (quick and k == "joint.steps")}
    return config.replace(**origin)


def method_spaces() -> dict[str, list[dict[str, dict]]]:
    """The search of each method: ``{"full": [round 1, round 2], "joint_triplet": [...]}``."""
    return {"full": [dict(T_FORMS), dict(DCA_TRAINING)],
            "joint_triplet": [dict(JOINT_FORMS), dict(JOINT_TRAINING)]}


def adversary_space() -> dict[str, dict]:
    """One round of stronger adversaries (the first: the chosen DCA's own D): a wider D
    held in check by spectral normalisation or the R1 gradient penalty (a wider D alone
    wins outright and T collapses), several D steps per T step, a faster D, LSGAN."""
    return {
        "the default D": {},
        "D 256-256, spectral norm": {"spal.disc_hidden": [256, 256], "spal.disc_spectral_norm": True},
        "D 256-256, R1 penalty 1": {"spal.disc_hidden": [256, 256], "spal.gradient_penalty": 1.0},
        "5 D steps per T step": {"spal.disc_steps": 5},
        "D lr 3e-3": {"spal.disc_lr": 3e-3},
        "LSGAN": {"spal.gan": "lsgan"},
    }


#: The name of the public re-implementation's T among the candidates (it collapses, and
#: :func:`run_searches` diagnoses why).
REIMPLEMENTATION_T = "T 64-32-64, no batch norm, tanh (the re-implementation)"


def run_searches(data: Data, config: TrainConfig, out_dir, spaces: dict, adversaries: dict,
                 seeds, per_class: int, workers: int = 1, quick: bool = False) -> dict:
    """Chapter 08's searches on the validation split: ``search`` (each method's, from
    :func:`search_base` of ``config``), ``adversary`` (one round of ``adversaries`` from
    DCA's choice) and ``reimplementation_t`` (the re-implementation's T trained with the
    first seed: its validation mAP, D's accuracy and CMD over the last 100 SPAL steps, and
    the norm of the mean of T's unit-length outputs, 1 for a single point). ``quick``: as
    :func:`search_base` says."""
    base = search_base(config, quick)
    found = search(data, base, spaces, out_dir, seeds=seeds, per_class=per_class, workers=workers)
    dca = base.replace(**found["full"]["best"]["changes"])
    adversary = search(data, dca, {"full": [adversaries]}, out_dir, seeds=seeds, per_class=per_class,
                       workers=workers)["full"]
    tuning = validation_split(data, per_class)
    collapsed = train_variant(tuning, base.replace(variant="full", seed=seeds[0], **T_FORMS[REIMPLEMENTATION_T]),
                              out_dir, progress=False)
    late = collapsed["history"]["spal"][-100:]
    return {"search": found, "adversary": adversary, "reimplementation_t": {
        "mAP": collapsed["metrics"]["mAP"],
        "d_accuracy_last_100": float(np.mean([r["d_accuracy"] for r in late])),
        "cmd_last_100": float(np.mean([r["cmd"] for r in late])),
        "mean_output_norm": float(np.linalg.norm(collapsed["embeddings"]["sketch_test_adapted"].mean(0)))}}


def search_digest(data: Data, config: TrainConfig, spaces: dict, adversaries: dict, seeds,
                  per_class: int) -> str:
    """A hash of what :func:`run_searches` with these arguments computes, but for the
    library's code: the benchmark's sizes (classes, shapes, sketches), the starting
    configuration (:func:`search_base` of ``config``, aside from its device and feature
    batch size, which change how, not what, it computes), the candidates, the seeds and the
    validation split's size. Two searches with the same digest ask the same question."""
    start = search_base(config).to_dict()
    for how in ("device", "feature_batch_size"):
        start.pop(how)
    sizes = [len(np.unique(data.shape_labels)), len(data.shape_labels), len(data.sketch_train_labels),
             len(data.sketch_test_labels), list(data.sketch_train.shape[1:]), list(data.shape_views.shape[1:])]
    question = {"sizes": sizes, "config": start, "spaces": {"methods": spaces, "adversary": adversaries},
                "seeds": list(seeds), "per_class": per_class}
    return hashlib.sha256(json.dumps(question, sort_keys=True).encode()).hexdigest()


def read_search_record(path: str | Path, digest: str) -> dict:
    """The record ``book/measure_search.py`` wrote at ``path``, if it answers the search
    whose :func:`search_digest` is ``digest``; otherwise a ``ValueError`` that names the
    file and says how to make it answer."""
    path = Path(path)
    remedy = ("run `python book/measure_search.py` to measure it again, or execute the chapter "
              "with `-p rerun_search True` to search in the chapter")
    if not path.is_file():
        raise ValueError(f"{path}: no search record there; {remedy}")
    try:
        record = json.loads(path.read_text())
        recorded = record["digest"]
    except (json.JSONDecodeError, KeyError, TypeError) as error:
        raise ValueError(f"{path}: not a search record ({error}); {remedy}") from error
    if recorded != digest:
        raise ValueError(f"{path}: recorded for another search (its benchmark, starting settings, "
                         f"candidates, seeds or validation split differ from this one's); {remedy}")
    return record


def default_changes(config: TrainConfig, changes: dict, space: list[dict[str, dict]]) -> dict:
    """The settings a search ``space`` (its rounds of candidates) varies where the search's
    choice, :func:`search_base` with ``changes``, differs from ``config``: ``{}`` when
    ``config``'s defaults are the choice."""
    searched = {key for candidates in space for change in candidates.values() for key in change}
    chosen, base = search_base(config).replace(**changes).to_dict(), config.to_dict()
    return {key: _field(chosen, key) for key in sorted(searched) if _field(chosen, key) != _field(base, key)}


def _field(config: dict, key: str):
    section, _, name = key.rpartition(".")
    return (config[section] if section else config)[name]


def round_table(scored: list[dict]) -> str:
    """Markdown: the candidates of one round, best first, with their validation mAP (one seed)."""
    lines = ["| candidate | validation mAP (first seed) |", "| --- | --- |"]
    best = max(c["mAP"] for c in scored)
    for c in sorted(scored, key=lambda c: -c["mAP"]):
        value = f"**{c['mAP']:.3f}**" if c["mAP"] == best else f"{c['mAP']:.3f}"
        lines.append(f"| {c['name']} | {value} |")
    return "\n".join(lines)


def confirmed_table(result: dict) -> str:
    """Markdown: the three best of a search with every seed, their mean and interval, and
    whether the winner is distinguishable from the runner-up."""
    lines = ["| candidate (round) | validation mAP per seed | mean [95 % CI] |", "| --- | --- | --- |"]
    for c in result["confirmed"]:
        v = c["validation"]
        per_seed = ", ".join(f"{m:.3f}" for m in c["per_seed"])
        interval = f"{v['mean']:.3f}" if v["n"] < 2 else f"{v['mean']:.3f}\u00a0[{v['low']:.3f},\u00a0{v['high']:.3f}]"
        lines.append(f"| {c['name']} ({c['round']}) | {per_seed} | {interval} |")
    gap = result["runner_up_gap"]
    if gap is None:
        return "\n".join(lines)
    words = ("the winner is ahead of the runner-up beyond the noise" if result["decided"] else
             "**the two best are within the validation noise**: the best mean is taken, by the rule, "
             "but it is not a clear winner")
    pairing = f"paired by seed (n = {gap['n']}, t = {gap['t']:.2f})" if gap["n"] > 1 else "one seed"
    return "\n".join(lines) + f"\n\nBest minus runner-up, {pairing}: {format_interval(gap)}: {words}."
