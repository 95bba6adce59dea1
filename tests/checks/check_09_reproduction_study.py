"""What notebooks/09_reproduction_study.ipynb must compute in quick mode."""

HYPOTHESES = ["default", "(a) sketch realism", "(b) ImageNet features", "(c) data scarcity",
              "(d) SHREC 2014 scale", "(e) T as narrow as the re-implementation's", "(g) like for like"]


def check(results: dict) -> None:
    rows = results["rows"]
    # every hypothesis has its row, in the order of the chapter
    assert [r["hypothesis"] for r in rows] == HYPOTHESES
    for row in rows:
        for name in (row["method"], row["against"]):
            assert 0.0 <= row["mAP"][name]["mean"] <= 1.0, (row["hypothesis"], name)
        assert len(row["gaps"]) == row["seeds"] == row["gap"]["n"]
        if row["seeds"] > 1:
            assert row["gap"]["low"] <= row["gap"]["mean"] <= row["gap"]["high"]
        if row["hypothesis"] != "default":
            assert abs(row["shift"]["mean"] - (row["gap"]["mean"] - rows[0]["gap"]["mean"])) < 1e-9
    by_name = {r["hypothesis"]: r for r in rows}
    assert by_name["(g) like for like"]["against"] == "joint_iaml"
    assert by_name["(e) T as narrow as the re-implementation's"]["method"] == "full_narrow_t"
    # the SHREC 2014 claim of the first page is row d's shift
    assert results["claims"]["shrec14"] == (results["full_size"] or by_name["(d) SHREC 2014 scale"])["shift"]
    drops = results["drops"]
    assert set(drops) == {"full", "joint_triplet"}
    assert all(0.0 <= m <= 1.0 for m in results["centroid_relay_mAP"])
    assert all(seconds >= 0 for seconds in results["costs_seconds"].values())
    # the realism row says how recognisable each style's sketches are (the data chapter's probe)
    recognised = results["recognised"]
    assert set(recognised) == {"human-style (default)", "rough (version 2)"}
    assert all(0.0 < v <= 1.0 for v in recognised.values())


# Numbers the built page states in sentences (tests/test_book_prose.py).
PROSE = [
    (r"The centroid relay, with no .{0,12}, scores <n>:",
     [lambda r: sum(r["centroid_relay_mAP"]) / len(r["centroid_relay_mAP"])]),
]

# Exercise 2 (tests/test_exercises.py): two seeds for row c turn its indications into intervals.
EXERCISE = {"few_seeds": 2}


def check_exercise(results: dict, default: dict) -> None:
    scarce = [r for r in results["rows"] if r["hypothesis"] == "(c) data scarcity"]
    assert scarce and all(r["seeds"] == 2 and r["gap"]["low"] is not None for r in scarce)
    before = [r for r in default["rows"] if r["hypothesis"] == "(c) data scarcity"]
    assert all(r["seeds"] == 1 and r["gap"]["low"] is None for r in before)
    # the other rows are the same runs
    assert results["rows"][0]["gaps"] == default["rows"][0]["gaps"]
