"""The reproduction study's bookkeeping: one row per hypothesis (``notebooks/08_reproduction_study.ipynb``).

On the default benchmark the full model (DCA) scores below one joint embedding
trained on the same backbones: the opposite of the paper's claim. Each
hypothesis about why is a changed condition (rougher sketches, pretrained
features, fewer sketches, more classes, another configuration); its row holds
the variants' mAP under that condition and the *gap*, full minus joint, paired
by seed (:func:`sbsr.train.experiment.difference`), and how far the gap moved
from the default's. A hypothesis explains the reversal when changing its
condition moves the gap by more than two standard errors.
"""

from __future__ import annotations

import numpy as np

from sbsr.train.experiment import difference

#: The variants each row trains (the method, its strongest part alone, no adaptation, the baseline).
STUDY_VARIANTS = ("no_adaptation", "cmd_only", "full", "joint_triplet")


def study_row(hypothesis: str, change: str, variants: dict[str, dict], default: dict | None = None,
              against: str = "joint_triplet") -> dict:
    """One row: mean and std of every variant's mAP, the gap ``full`` minus ``against``
    with two standard errors, and, given the ``default`` row, how far the gap moved from it
    (two standard errors of the two gaps combined: the conditions train their own stages)."""
    gap = difference(variants, "full", against)
    row = {"hypothesis": hypothesis, "change": change, "seeds": gap["seeds"], "against": against,
           "mAP": {v: {"mean": float(np.mean([m["mAP"] for m in r["per_seed"]])),
                       "std": float(np.std([m["mAP"] for m in r["per_seed"]]))} for v, r in variants.items()},
           "gap": gap}
    if default is not None:
        shift = gap["mean"] - default["gap"]["mean"]
        row["shift"] = {"mean": shift, "two_se": float(np.hypot(gap["two_se"], default["gap"]["two_se"]))}
    return row


def gap_verdict(row: dict) -> str:
    """What the row says of the paper's claim, in words a reader can check against the numbers."""
    gap, name = row["gap"], row["against"]
    if gap["seeds"] < 2:
        level = "DCA above" if gap["mean"] > 0 else "DCA below"
        return f"{level} `{name}` (one seed: an indication)"
    if gap["mean"] > gap["two_se"]:
        return f"DCA above `{name}`: the claim holds here"
    if gap["mean"] < -gap["two_se"]:
        return f"DCA below `{name}`"
    return f"DCA level with `{name}`"


def shift_verdict(row: dict) -> str:
    """Whether the condition moved the gap from the default's."""
    if "shift" not in row:
        return "the reference"
    shift = row["shift"]
    if row["gap"]["seeds"] < 2:
        return "effect not resolved"
    if abs(shift["mean"]) <= shift["two_se"]:
        return "no measurable effect"
    return "narrows the gap (DCA gains)" if shift["mean"] > 0 else "widens the gap (DCA loses)"


def summary_table(rows: list[dict]) -> str:
    """Markdown: per row the change, full and baseline mAP, the gap and its shift, verdicts.
    A row of one seed has no standard error: its gap and shift are printed without one."""

    def spread(value: dict, seeds: int) -> str:
        return f"{value['mean']:+.3f} ± {value['two_se']:.3f}" if seeds >= 2 else f"{value['mean']:+.3f} (one seed)"

    lines = ["| hypothesis | what changed | seeds | `full` mAP | baseline mAP | full − baseline | "
             "shift from the default | verdict |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for row in rows:
        full, base = row["mAP"]["full"], row["mAP"][row["against"]]
        shift = spread(row["shift"], row["seeds"]) if "shift" in row else "-"
        lines.append(
            f"| {row['hypothesis']} | {row['change']} | {row['seeds']} | {full['mean']:.3f} | "
            f"{base['mean']:.3f} (`{row['against']}`) | {spread(row['gap'], row['seeds'])} | "
            f"{shift} | {gap_verdict(row)}; {shift_verdict(row)} |")
    return "\n".join(lines)
