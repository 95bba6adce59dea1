"""What notebooks/08_reproduction_study.ipynb must compute in quick mode."""

import math

HYPOTHESES = ["default", "(e, f) tuned on validation", "(a) benchmark realism", "(b) ImageNet features",
              "(c) data scarcity", "(d) SHREC 2014 scale", "(g) like for like"]


def check(results: dict) -> None:
    rows = results["rows"]
    # every hypothesis has its row, in the order of the chapter
    assert [r["hypothesis"] for r in rows] == HYPOTHESES
    for row in rows:
        for name in ("full", row["against"]):
            assert 0.0 <= row["mAP"][name]["mean"] <= 1.0, (row["hypothesis"], name)
        assert math.isfinite(row["gap"]["mean"]) and math.isfinite(row["gap"]["two_se"])
        if row["hypothesis"] != "default":
            assert math.isfinite(row["shift"]["mean"]) and row["shift"]["two_se"] >= 0
    # the like-for-like row compares DCA with the joint embedding trained with IAML
    assert rows[-1]["against"] == "joint_iaml"
    # choices were made on the validation split, for DCA and the baseline alike
    validation = results["validation"]
    assert validation["held_out"] == validation["per_class"] * 10
    assert set(validation["choices"]) == {"full", "joint_triplet"}
    for variant, scores in validation["scores"].items():
        assert validation["choices"][variant] in scores
        assert scores[validation["choices"][variant]] == max(scores.values())
    assert all(0.0 <= m <= 1.0 for m in results["centroid_relay_mAP"])
    assert all(seconds >= 0 for seconds in results["costs_seconds"].values())
    # the realism row says how recognisable each style's sketches are (the data chapter's probe)
    recognised = results["recognised"]
    assert set(recognised) == {"human-style (default)", "rough (version 2)"}
    assert all(0.0 < v <= 1.0 for v in recognised.values())
