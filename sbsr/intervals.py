"""Intervals over training seeds: a mean with its 95 % Student-t interval, and a verdict.

With n seeds, the mean of n values has the interval ``mean ± t(0.975, n - 1) * s / sqrt(n)``
(``s``: the sample standard deviation). With three seeds the factor is 4.30, not 2: two
standard errors would be an interval of about 82 %, not 95 %. A difference of two variants
trained on the same seeds is *paired* (they share the seed's backbones), so its interval is
that of the per-seed differences (:func:`paired_difference`); two conditions that each train
their own stages are compared with Welch's interval (:func:`welch_difference`).

A :func:`verdict` reads an interval of ``a - b`` for the claim "a above b": it **holds**
when the whole interval is above 0, **fails** when the whole interval is below 0, and is
**undecided** otherwise (always with one seed: there is no interval).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from scipy import stats

CONFIDENCE = 0.95


def t_factor(df: float, confidence: float = CONFIDENCE) -> float:
    """The two-sided Student-t quantile ``t((1 + confidence) / 2, df)``."""
    return float(stats.t.ppf((1 + confidence) / 2, df))


def _interval(mean: float, se: float, df: float, n: int) -> dict:
    if n < 2:  # no interval from one value (None: valid JSON, unlike NaN)
        return {"mean": mean, "half_width": None, "low": None, "high": None, "t": None, "n": n}
    t = t_factor(df)
    return {"mean": mean, "half_width": t * se, "low": mean - t * se, "high": mean + t * se, "t": t, "n": n}


def mean_interval(values: Sequence[float]) -> dict:
    """``{"mean", "half_width", "low", "high", "t", "n"}`` of the values' mean (95 %
    Student-t; ``None`` for the interval's parts with one value)."""
    x = np.asarray(values, dtype=float)
    if x.ndim != 1 or len(x) == 0:
        raise ValueError(f"values must be a non-empty 1-d sequence, got shape {x.shape}")
    se = float(x.std(ddof=1) / np.sqrt(len(x))) if len(x) > 1 else 0.0
    return _interval(float(x.mean()), se, len(x) - 1, len(x))


def paired_difference(a: Sequence[float], b: Sequence[float]) -> dict:
    """:func:`mean_interval` of ``a[i] - b[i]``: two variants of the same seeds."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    if a.shape != b.shape:
        raise ValueError(f"paired values need as many of each: {len(a)} and {len(b)}")
    return mean_interval(a - b)


def welch_difference(a: Sequence[float], b: Sequence[float]) -> dict:
    """Interval of ``mean(a) - mean(b)`` for independent samples (Welch: the standard
    error ``sqrt(s_a^2 / n_a + s_b^2 / n_b)``, the Welch-Satterthwaite degrees of freedom);
    ``n`` is the smaller sample's size."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    mean = float(a.mean() - b.mean())
    if len(a) < 2 or len(b) < 2:
        return _interval(mean, 0.0, 0, 1)
    va, vb = a.var(ddof=1) / len(a), b.var(ddof=1) / len(b)
    se = float(np.sqrt(va + vb))
    if se == 0:
        return _interval(mean, 0.0, min(len(a), len(b)) - 1, min(len(a), len(b)))
    df = (va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))
    return _interval(mean, se, df, min(len(a), len(b)))


def verdict(interval: dict) -> str:
    """``"holds"``, ``"fails"`` or ``"undecided"`` for the claim that the difference is
    above 0 (module docstring)."""
    if interval["n"] < 2:
        return "undecided"
    if interval["low"] > 0:
        return "holds"
    return "fails" if interval["high"] < 0 else "undecided"


def format_interval(interval: dict, digits: int | None = None, breakable: bool = False) -> str:
    """``+0.012 [-0.004, +0.028]`` (or ``+0.012 (one seed)``): a difference and its 95 %
    interval, with no-break spaces so that it never wraps inside a table cell (with
    ``breakable``, a line may break before the bracket, for a narrow column). ``digits``
    decimals, or by default 3, more when the interval is narrower than 0.01, so that its
    ends are not printed as one number."""
    if digits is None:
        width = interval.get("half_width") or 0.0
        digits = 3 if width >= 0.005 or width == 0 else min(5, 1 - math.floor(math.log10(width)))
    mean = f"{interval['mean']:+.{digits}f}"
    if interval["n"] < 2:
        return f"{mean}\u00a0(one\u00a0seed)"
    space = " " if breakable else "\u00a0"
    return f"{mean}{space}[{interval['low']:+.{digits}f},\u00a0{interval['high']:+.{digits}f}]"
