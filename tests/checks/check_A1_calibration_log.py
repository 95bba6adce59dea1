"""What notebooks/A1_calibration_log.ipynb must compute (in any mode: it trains nothing)."""


def check(results: dict) -> None:
    # the rule fixed before the trials picks the ranges SynthSBR draws with today
    assert results["chosen"] == "P3" and results["chosen_is_default"] is True
    assert results["trials"] == 10
    # the joint baseline's mAP follows the probe's accuracy, trial after trial
    assert results["correlation"] > 0.95 and results["slope"] > 0
    # reaching SHREC 2013's 0.47 would take sketches far less recognisable than any trial's
    assert results["probe_for_siamese"] < 0.59
    assert results["styles_drawn"][0] == "P2" and len(results["styles_drawn"]) == 5
