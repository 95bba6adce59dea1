"""The reproduction study's bookkeeping: one row per hypothesis (``notebooks/09_reproduction_study.ipynb``).

Each hypothesis about why DCA and one joint embedding rank as they do is a changed
condition (rougher sketches, pretrained features, fewer sketches, more classes, another
configuration); its row holds the variants' mAP under that condition and the *gap*, DCA
minus the joint baseline, paired by seed with its 95 % Student-t interval
(:func:`sbsr.train.experiment.difference`), and the *shift*, how far the gap moved from the
default's (Welch's interval: each condition trains its own stages). The verdicts read those
intervals (:func:`sbsr.intervals.verdict`): a condition changes the gap when the shift's
interval excludes 0.
"""

from __future__ import annotations

from sbsr.intervals import format_interval, mean_interval, verdict, welch_difference
from sbsr.train.experiment import difference

#: The variants each row trains (no adaptation, the method, the baseline).
STUDY_VARIANTS = ("no_adaptation", "full", "joint_triplet")


def maps(result: dict) -> list[float]:
    """The per-seed mAP of one variant's entry of :func:`sbsr.train.experiment.ablation_results`."""
    return [m["mAP"] for m in result["per_seed"]]


def study_row(hypothesis: str, change: str, variants: dict[str, dict], default: dict | None = None,
              against: str = "joint_triplet", method: str = "full") -> dict:
    """One row: every variant's mAP (mean and interval over seeds), the gap ``method`` minus
    ``against`` paired by seed, the per-seed gaps, and, given the ``default`` row, the
    shift of the gap from the default's."""
    gap = difference(variants, method, against)
    per_seed = [a - b for a, b in zip(maps(variants[method]), maps(variants[against]))]
    row = {"hypothesis": hypothesis, "change": change, "seeds": gap["n"], "method": method, "against": against,
           "mAP": {v: mean_interval(maps(r)) for v, r in variants.items()}, "gap": gap, "gaps": per_seed}
    if default is not None:
        row["shift"] = welch_difference(per_seed, default["gaps"])
    return row


def gap_verdict(row: dict) -> str:
    """What the row says of "DCA above the joint baseline", in words the interval supports."""
    name, gap = row["against"], row["gap"]
    if gap["n"] < 2:
        return f"DCA {'above' if gap['mean'] > 0 else 'below'} `{name}` (one seed: an indication)"
    return {"holds": f"DCA above `{name}`: the claim holds here",
            "fails": f"DCA below `{name}`: the claim fails here",
            "undecided": f"DCA level with `{name}` within the interval: undecided"}[verdict(gap)]


def shift_verdict(row: dict) -> str:
    """Whether the condition moved the gap from the default's."""
    if "shift" not in row:
        return "the reference"
    if row["gap"]["n"] < 2:
        return "effect not resolved (one seed)"
    return {"holds": "narrows the gap (DCA gains)", "fails": "widens the gap (DCA loses)",
            "undecided": "no measurable effect"}[verdict(row["shift"])]


def conditions_table(rows: list[dict]) -> str:
    """Markdown: per row what changed, the seeds, and DCA's and the baseline's mAP (mean over
    seeds). The variants are ``full`` and ``joint_triplet`` unless the change names others."""
    lines = ["| condition | what changed | seeds | DCA mAP | baseline mAP |", "| --- | --- | --- | --- | --- |"]
    for row in rows:
        dca, base = row["mAP"][row["method"]], row["mAP"][row["against"]]
        lines.append(f"| {row['hypothesis']} | {row['change']} | {row['seeds']} | {dca['mean']:.3f} | {base['mean']:.3f} |")
    return "\n".join(lines)


def summary_table(rows: list[dict]) -> str:
    """Markdown: per row the gap and its shift from the default with their 95 % intervals,
    and the verdicts (the conditions themselves: :func:`conditions_table`). A row of one
    seed has no interval."""
    lines = ["| condition | DCA − baseline [95 % CI] | shift from the default [95 % CI] | verdict |",
             "| --- | --- | --- | --- |"]
    for row in rows:
        shift = format_interval(row["shift"], breakable=True) if "shift" in row else "-"
        lines.append(f"| {row['hypothesis']} | {format_interval(row['gap'], breakable=True)} | {shift} | "
                     f"{gap_verdict(row)}; {shift_verdict(row)} |")
    return "\n".join(lines)


def drop(before: dict, after: dict) -> dict:
    """How much one variant's mAP falls from one benchmark to another (``before`` minus
    ``after``, per-seed entries of each), with Welch's 95 % interval."""
    return welch_difference(maps(before), maps(after))
