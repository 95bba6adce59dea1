"""Intervals over seeds: Student-t factors, paired and Welch differences, verdicts."""

import numpy as np
import pytest

from sbsr.intervals import (format_interval, mean_interval, paired_difference, t_factor, verdict,
                            welch_difference)


def test_t_factors_are_those_of_the_tables_not_two():
    assert t_factor(2) == pytest.approx(4.303, abs=1e-3)  # three seeds
    assert t_factor(4) == pytest.approx(2.776, abs=1e-3)  # five seeds
    assert t_factor(1e6) == pytest.approx(1.960, abs=1e-3)


def test_a_mean_interval_by_hand():
    values = [0.80, 0.79, 0.81, 0.78, 0.82]
    i = mean_interval(values)
    se = np.std(values, ddof=1) / np.sqrt(5)
    assert i["mean"] == pytest.approx(0.80) and i["n"] == 5 and i["t"] == pytest.approx(2.7764, abs=1e-4)
    assert i["half_width"] == pytest.approx(2.7764 * se, rel=1e-4)
    assert (i["low"], i["high"]) == pytest.approx((0.80 - i["half_width"], 0.80 + i["half_width"]))
    one = mean_interval([0.5])
    assert one["half_width"] is None and one["n"] == 1 and verdict(one) == "undecided"


def test_verdicts_read_the_interval():
    assert verdict(paired_difference([0.6, 0.7, 0.8], [0.5, 0.6, 0.69])) == "holds"
    assert verdict(paired_difference([0.5, 0.6, 0.69], [0.6, 0.7, 0.8])) == "fails"
    # a mean difference above two standard errors but inside the t interval: undecided with 3 seeds
    d = paired_difference([0.10, 0.30, 0.15], [0.0, 0.0, 0.0])
    se = np.std([0.10, 0.30, 0.15], ddof=1) / np.sqrt(3)
    assert d["mean"] > 2 * se and verdict(d) == "undecided"


def test_welch_difference_by_hand():
    a, b = [0.50, 0.52, 0.55], [0.40, 0.41, 0.45, 0.43]
    d = welch_difference(a, b)
    va, vb = np.var(a, ddof=1) / 3, np.var(b, ddof=1) / 4
    df = (va + vb) ** 2 / (va**2 / 2 + vb**2 / 3)
    assert d["mean"] == pytest.approx(np.mean(a) - np.mean(b))
    assert d["half_width"] == pytest.approx(t_factor(df) * np.sqrt(va + vb))
    assert welch_difference([0.5], [0.4, 0.3])["half_width"] is None


def test_paired_values_must_pair_and_formatting():
    with pytest.raises(ValueError, match="as many of each"):
        paired_difference([0.1, 0.2], [0.1])
    assert format_interval(mean_interval([0.1])) == "+0.100\u00a0(one\u00a0seed)"
    assert format_interval({"mean": -0.01, "low": -0.02, "high": 0.0, "n": 3}) == "-0.010\u00a0[-0.020,\u00a0+0.000]"
    # a narrow column may break the line before the bracket, never inside the interval
    assert format_interval({"mean": -0.01, "low": -0.02, "high": 0.0, "n": 3}, breakable=True) == \
        "-0.010 [-0.020,\u00a0+0.000]"


def test_a_narrow_interval_gets_the_decimals_that_tell_its_ends_apart():
    narrow = {"mean": -0.000276, "low": -0.000522, "high": -0.0000299, "half_width": 0.000246, "n": 5}
    assert format_interval(narrow) == "-0.00028\u00a0[-0.00052,\u00a0-0.00003]"
    assert format_interval({"mean": 0.05, "low": 0.03, "high": 0.07, "half_width": 0.02, "n": 3}).startswith("+0.050")
