"""The candidates of the book's validation search (``notebooks/08_validation_search.ipynb``).

Both methods get the same procedure (:func:`sbsr.train.tuning.search`) and the same number
of candidates: round 1 varies the form of the network the method learns last (DCA: $T$;
the baseline: its joint metric networks), round 2 how it trains, from round 1's best.
Round 1's candidates set every field of the form they are about, so they do not depend on
the defaults; a round-2 candidate that would repeat the default's value is left out (the
round's ``"start"`` is that value). :func:`adversary_space` is the search for a stronger
adversary. The table builders show a round and the confirmation of the best.
"""

from __future__ import annotations

from sbsr.intervals import format_interval
from sbsr.train.config import TrainConfig


def _t(hidden, batchnorm=True, output="linear", residual=False) -> dict:
    return {"spal.transform_hidden": list(hidden), "spal.transform_batchnorm": batchnorm,
            "spal.transform_output": output, "spal.residual": residual}


def _joint(hidden, width) -> dict:
    return {"joint.hidden": list(hidden), "joint.out_features": width}


#: Round 1 of DCA: T's form.
T_FORMS = {
    "T 64-32-64": _t((64, 32, 64)),
    "T 64-32-64, no batch norm, tanh (the re-implementation)": _t((64, 32, 64), False, "tanh"),
    "T 256-256": _t((256, 256)),
    "T 512-512": _t((512, 512)),
    "T 512-512-512": _t((512, 512, 512)),
    "T 1024-1024": _t((1024, 1024)),
    "T 512-512, residual": _t((512, 512), residual=True),
}
#: Round 1 of the joint baseline: its metric networks' hidden layers and embedding width.
JOINT_FORMS = {
    "512-256 → 128": _joint((512, 256), 128),
    "512-256 → 64": _joint((512, 256), 64),
    "512-256 → 256": _joint((512, 256), 256),
    "256 → 128": _joint((256,), 128),
    "1024-512-256 → 128": _joint((1024, 512, 256), 128),
    "1024-1024 → 128": _joint((1024, 1024), 128),
    "1024-512 → 256": _joint((1024, 512), 256),
}


def _values(config: TrainConfig, field: str, values: dict) -> dict:
    """``{label: {field: value}}`` for the values that differ from ``config``'s."""
    section, name = field.split(".")
    current = getattr(getattr(config, section), name)
    return {label: {field: value} for label, value in values.items() if value != current}


def _training_rounds(config: TrainConfig, dimensions: list[tuple[str, dict]]) -> dict:
    round_two = {"start": {}}
    for field, values in dimensions:
        round_two.update(_values(config, field, values))
    return round_two


def method_spaces(config: TrainConfig) -> dict[str, list[dict[str, dict]]]:
    """The search of each method: ``{"full": [round 1, round 2], "joint_triplet": [...]}``."""
    dca = _training_rounds(config, [
        ("spal.shape_lr", {"shape side frozen in SPAL": 0.0, "shape side learns in SPAL, lr 1e-4": 1e-4,
                           "shape side learns in SPAL, lr 1e-3": 1e-3}),
        ("spal.sketch_lr", {"sketch side frozen in SPAL": 0.0, "sketch side learns in SPAL, lr 1e-4": 1e-4}),
        ("finetune.steps", {"no stage (f)": 0, "then 1,000 steps of stage (f)": 1000}),
        ("spal.cmd_reduction", {"CMD averaged over classes": "mean", "CMD summed over classes": "sum"}),
        ("spal.metric_pairs", {"metric loss: sketches against shapes": "sketch-shape",
                               "metric loss among transformed sketches": "sketch-sketch"}),
        ("metric.margin", {"metric nets' margin 0.1": 0.1, "metric nets' margin 0.2": 0.2,
                           "metric nets' margin 0.4": 0.4}),
    ])
    joint = _training_rounds(config, [
        ("joint.margin", {"margin 0.1": 0.1, "margin 0.2": 0.2, "margin 0.4": 0.4}),
        ("joint.steps", {"750 steps": 750, "1,500 steps": 1500, "3,000 steps": 3000}),
        ("joint.lr", {"lr 3e-4": 3e-4, "lr 1e-3": 1e-3, "lr 3e-3": 3e-3}),
        ("joint.classes_per_batch", {"16 classes a batch": 16, "32 classes a batch": 32}),
        ("joint.samples_per_class", {"4 per class a batch": 4, "8 per class a batch": 8}),
    ])
    return {"full": [dict(T_FORMS), dca], "joint_triplet": [dict(JOINT_FORMS), joint]}


def adversary_space(config: TrainConfig) -> dict[str, dict]:
    """One round of stronger adversaries, from ``config`` (the first: its own D)."""
    return {
        "the default D": {},
        "D 256-256": {"spal.disc_hidden": [256, 256]},
        "D 256-256, spectral norm": {"spal.disc_hidden": [256, 256], "spal.disc_spectral_norm": True},
        "D 256-256, R1 penalty 1": {"spal.disc_hidden": [256, 256], "spal.gradient_penalty": 1.0},
        "5 D steps per T step": {"spal.disc_steps": 5},
        "D lr 3e-3": {"spal.disc_lr": 3e-3},
        "LSGAN": {"spal.gan": "lsgan"},
        "adversarial weight 3": {"spal.adversarial_weight": 3.0},
        "adversarial weight 0.3": {"spal.adversarial_weight": 0.3},
    }


def default_changes(config: TrainConfig, changes: dict) -> dict:
    """The entries of ``changes`` whose value differs from ``config``'s (``{}``: ``changes``
    are the defaults)."""
    base, changed = config.to_dict(), config.replace(**changes).to_dict()
    return {key: value for key, value in changes.items()
            if _field(changed, key) != _field(base, key)}


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
    return "\n".join(lines) + f"\n\nBest minus runner-up, paired by seed: {format_interval(gap)}: {words}."
