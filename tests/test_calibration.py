"""sbsr.data.calibration: the record of SynthSBR's calibration and its rule."""

import numpy as np
import pytest

from sbsr.data.calibration import ROUGH_TRIALS, TRIALS, Trial, chosen, is_default
from sbsr.data.human_sketch import HumanStyle


def test_the_rule_picks_the_style_synthsbr_draws_with_today():
    pick = chosen()
    assert pick.name == "P3" and is_default(pick)
    assert [t.name for t in TRIALS if is_default(t)] == ["P3"]  # H3 has its ranges, not its rule


def test_the_rule_needs_the_size_rule_and_the_band():
    surface = Trial("x", HumanStyle(), "surface", 0.75, 0.8, 0.7)
    assert chosen([surface, *TRIALS]).name == "P3"  # the closest of all, but the wrong rule
    with pytest.raises(ValueError, match="no trial"):
        chosen([t for t in TRIALS if t.name != "P3" and t.name != "P5"])


def test_the_baseline_follows_the_probe_trial_after_trial():
    probe = np.array([t.probe for t in TRIALS])
    joint = np.array([t.joint_triplet for t in TRIALS])
    assert np.corrcoef(probe, joint)[0, 1] > 0.95
    assert all(len(row) == 8 and len(row[5]) == 6 for row in ROUGH_TRIALS)
