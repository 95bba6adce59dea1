"""The reproduction study's rows: gaps paired by seed, shifts from the default, verdicts from 95 % intervals."""

import numpy as np
import pytest

from sbsr.study import conditions_table, drop, gap_verdict, shift_verdict, study_row, summary_table


def variants(full, joint):
    return {"full": {"per_seed": [{"mAP": m} for m in full]}, "joint_triplet": {"per_seed": [{"mAP": m} for m in joint]}}


def test_a_row_holds_the_gap_and_its_shift_from_the_default():
    default = study_row("default", "-", variants([0.40, 0.41, 0.42], [0.48, 0.48, 0.49]))
    assert default["gap"]["mean"] == pytest.approx(-0.0733, abs=1e-4) and default["gap"]["t"] == pytest.approx(4.303, abs=1e-3)
    assert default["gaps"] == pytest.approx([-0.08, -0.07, -0.07])
    assert gap_verdict(default).startswith("DCA below") and shift_verdict(default) == "the reference"
    better = study_row("rough", "v2", variants([0.50, 0.50, 0.52], [0.45, 0.46, 0.46]), default)
    assert better["shift"]["mean"] == pytest.approx(better["gap"]["mean"] - default["gap"]["mean"])
    assert gap_verdict(better).startswith("DCA above") and shift_verdict(better).startswith("narrows")
    same = study_row("same", "-", variants([0.40, 0.42, 0.41], [0.47, 0.49, 0.48]), default)
    assert shift_verdict(same) == "no measurable effect"
    # above two standard errors of its mean, inside the 95 % t interval: undecided
    close = study_row("close", "-", variants([0.50, 0.52, 0.50], [0.49, 0.49, 0.49]), default)
    se = np.std(close["gaps"], ddof=1) / np.sqrt(3)
    assert close["gap"]["mean"] > 2 * se and "undecided" in gap_verdict(close)
    one = study_row("one", "-", variants([0.5], [0.4]), default)
    assert "one seed" in gap_verdict(one) and shift_verdict(one) == "effect not resolved (one seed)"
    table = summary_table([default, better, same, one])
    assert table.count("\n") == 5 and "| rough | +0.050 [" in table and "narrows the gap" in table
    last = table.splitlines()[-1]  # one seed: no interval to print
    assert "(one\u00a0seed)" in last and "[" not in last
    conditions = conditions_table([default, better, same, one])
    assert conditions.count("\n") == 5 and "| rough | v2 | 3 | 0.507 | 0.457 |" in conditions


def test_a_drop_between_benchmarks_is_a_welch_difference():
    before, after = {"per_seed": [{"mAP": m} for m in (0.80, 0.81, 0.79)]}, {"per_seed": [{"mAP": 0.60}, {"mAP": 0.62}]}
    d = drop(before, after)
    assert d["mean"] == pytest.approx(0.80 - 0.61) and d["low"] < d["mean"] < d["high"] and d["n"] == 2
