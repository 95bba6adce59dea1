"""The record of how SynthSBR's sketch style was calibrated, and the rule that chose it.

During development each trial generated the default-size benchmark with one set of
:class:`~sbsr.data.human_sketch.HumanStyle` ranges and trained seed 0 with the
``default`` preset on a 2-core CPU (2026-12-02); every score was measured on the
validation split (:func:`sbsr.train.splits.validation_split`), never on the test
sketches. The rule was fixed before the trials (:func:`chosen`): among the trials of
the small-part rule kept, the one whose probe accuracy is closest to 0.75, within 0.72
to 0.80 (people recognise 73 % of TU-Berlin's sketches; CNNs about 75 %).

``TRIALS`` holds those measurements, ``ROUGH_TRIALS`` the log of generator version 2,
which was calibrated the other way (by the joint baseline's mAP alone, on the test
sketches, with the rough hand of :class:`~sbsr.data.sketch.SketchParams`). The appendix
page of the book renders both and checks that the rule picks today's defaults.
"""

from __future__ import annotations

from dataclasses import dataclass

from sbsr.data.human_sketch import HumanStyle

#: The rule fixed before the trials, the probe accuracy aimed at and the band it must be in.
TARGET, BAND = 0.75, (0.72, 0.80)


@dataclass(frozen=True)
class Trial:
    """One calibration run: the style's ranges, how a part counted as small, the scores."""

    name: str
    style: HumanStyle
    small_by: str  # "surface" (first trials) | "size" (the rule kept: under 15 % of the object)
    probe: float  # linear probe accuracy on the validation sketches
    joint_triplet: float  # mAP of the joint baseline, validation sketches
    full: float  # mAP of the full model, validation sketches


def _style(omit, exaggerate, simplify, strokes, wobble, overshoot, affine, rotation, jitter, free):
    return HumanStyle(omit=omit, exaggerate=(0.0, exaggerate), simplify=simplify, max_strokes=strokes,
                      wobble=wobble, overshoot=overshoot, affine=affine, rotation=rotation,
                      view_jitter=jitter, free_view=free)


_H1 = _style((0.05, 0.3), 0.4, (0.005, 0.02), (15, 40), (0.003, 0.012), (0.005, 0.025), 0.05, 3.0, 6.0, 0.0)
_H2 = _style((0.1, 0.5), 0.6, (0.01, 0.04), (10, 30), (0.005, 0.02), (0.01, 0.04), 0.10, 6.0, 12.0, 0.10)
_H3 = _style((0.2, 0.6), 0.8, (0.015, 0.05), (8, 25), (0.01, 0.03), (0.02, 0.06), 0.15, 8.0, 15.0, 0.15)
_H5 = _style((0.2, 0.6), 0.8, (0.01, 0.03), (8, 25), (0.008, 0.025), (0.02, 0.06), 0.15, 8.0, 15.0, 0.15)
_H4 = _style((0.3, 0.7), 1.0, (0.02, 0.06), (6, 20), (0.015, 0.04), (0.03, 0.08), 0.20, 10.0, 20.0, 0.20)
_P35 = _style((0.25, 0.65), 0.9, (0.0175, 0.055), (7, 22), (0.0125, 0.035), (0.025, 0.07), 0.175, 9.0, 17.5,
              0.175)

#: The trials in the order they were run.
TRIALS = (
    Trial("H1", _H1, "surface", 0.887, 0.897, 0.874),
    Trial("H2", _H2, "surface", 0.824, 0.851, 0.804),
    Trial("H3", _H3, "surface", 0.733, 0.775, 0.717),
    Trial("H5", _H5, "surface", 0.749, 0.778, 0.736),
    Trial("H4", _H4, "surface", 0.590, 0.647, 0.557),
    Trial("P2", _H2, "size", 0.831, 0.855, 0.806),
    Trial("P3", _H3, "size", 0.764, 0.797, 0.728),
    Trial("P5", _H5, "size", 0.770, 0.808, 0.749),
    Trial("P35", _P35, "size", 0.703, 0.747, 0.674),
    Trial("P4", _H4, "size", 0.618, 0.663, 0.602),
)

#: The log of generator version 2 (the rough hand), one tuple per trial with its name, the
#: sketch instances per class and the shapes' deformation, the view jitter (degrees) and
#: share of other views, the hand's abstraction, drop, wobble, affine, rotation (degrees)
#: and elastic, then the test mAP of ``joint_triplet`` and ``full`` (one seed unless the
#: name says otherwise).
ROUGH_TRIALS = (
    ("first release (3 seeds)", 8, 0.03, 12, 0.10, (0.06, 0.10, 0.012, 0.07, 4, 0.03), 0.933, 0.908),
    ("A", 80, 0.06, 12, 0.10, (0.10, 0.20, 0.020, 0.12, 8, 0.05), 0.834, 0.776),
    ("B", 80, 0.10, 12, 0.10, (0.15, 0.30, 0.030, 0.18, 12, 0.08), 0.671, 0.569),
    ("C", 80, 0.15, 12, 0.10, (0.20, 0.40, 0.040, 0.25, 15, 0.10), 0.384, 0.324),
    ("D", 80, 0.15, 25, 0.35, (0.15, 0.30, 0.030, 0.18, 12, 0.08), 0.579, 0.489),
    ("E", 80, 0.15, 25, 0.35, (0.17, 0.34, 0.034, 0.21, 13.2, 0.088), 0.495, 0.419),
    ("F", 80, 0.15, 25, 0.35, (0.18, 0.36, 0.036, 0.22, 13.8, 0.092), 0.456, 0.381),
    ("rough, kept (full: 3 seeds)", 80, 0.15, 25, 0.35, (0.175, 0.35, 0.035, 0.215, 13.5, 0.09), 0.475, 0.401),
)


def chosen(trials=TRIALS, target: float = TARGET, band: tuple[float, float] = BAND) -> Trial:
    """The rule: of the trials that count a part small by its size, the one whose probe
    accuracy lies in ``band`` and is closest to ``target``."""
    fit = [t for t in trials if t.small_by == "size" and band[0] <= t.probe <= band[1]]
    if not fit:
        raise ValueError(f"no trial has a probe accuracy in {band}")
    return min(fit, key=lambda t: abs(t.probe - target))


def is_default(trial: Trial) -> bool:
    """Whether ``trial`` is the style SynthSBR draws with today (``HumanStyle()``, size rule)."""
    return trial.small_by == "size" and trial.style == HumanStyle()
