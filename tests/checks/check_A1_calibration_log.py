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


# Numbers the built page states in sentences (tests/test_book_prose.py).
PROSE = [
    (r"The rule picks <w>, whose probe reads <n> of the", ["chosen", "chosen_probe"]),
    (r"their correlation over the ten trials is <n>, and a straight line through them rises "
     r"by <n> mAP", ["correlation", "slope"]),
    (r"The line reaches 0\.47 where the probe reads <n> of the sketches", ["probe_for_siamese"]),
]
