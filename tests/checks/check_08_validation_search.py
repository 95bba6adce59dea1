"""What notebooks/08_validation_search.ipynb must compute in quick mode."""


def check(results: dict) -> None:
    validation = results["validation"]
    assert validation["held_out"] == validation["per_class"] * 10  # quick mode: 10 classes
    search = results["search"]
    assert set(search) == {"full", "joint_triplet"}
    sizes = {v: [len(r) for r in s["rounds"]] for v, s in search.items()}
    assert sizes["full"] == sizes["joint_triplet"]  # a search of the same size for both methods
    for result in search.values():
        confirmed = result["confirmed"]
        assert len(confirmed) == 3 and all(len(c["per_seed"]) == len(results["seeds"]) for c in confirmed)
        means = [c["validation"]["mean"] for c in confirmed]
        assert means == sorted(means, reverse=True) and result["best"]["name"] == confirmed[0]["name"]
        assert result["decided"] == (result["runner_up_gap"]["low"] > 0)
    # the adversary's rows on the test split: the chosen D, the default D, no D, paired by seed
    test = results["adversary_test"]
    assert set(test) == {"full (default D)", "full, chosen adversary", "full_no_adversarial"}
    helps = results["adversary_helps"]
    chosen, none = test["full, chosen adversary"]["per_seed_maps"], test["full_no_adversarial"]["per_seed_maps"]
    assert abs(helps["mean"] - (sum(chosen) - sum(none)) / len(chosen)) < 1e-9
    assert set(results["defaults_agree"]) == {"full", "joint_triplet"}


# Numbers the built page states in sentences (tests/test_book_prose.py).
PROSE = [
    (r"It scores <n> mAP on validation\. Over its last 100 SPAL steps .{0,12}is right on <n>% of each "
     r"batch, CMD stays at <n>,",
     ["reimplementation_t.mAP", lambda r: 100 * r["reimplementation_t"]["d_accuracy_last_100"],
      "reimplementation_t.cmd_last_100"]),
    (r"the norm of the mean of its unit-length outputs is <n> \(1 would be", ["reimplementation_t.mean_output_norm"]),
]

# Exercise 2 (tests/test_exercises.py): a larger validation split holds out more sketches of
# every class, and the search still compares the two methods with as many candidates.
EXERCISE = {"validation_per_class": 20}


def check_exercise(results: dict, default: dict) -> None:
    assert results["validation"]["held_out"] == 20 * 10 and default["validation"]["held_out"] == 10 * 10
    for variant in ("full", "joint_triplet"):
        assert [len(r) for r in results["search"][variant]["rounds"]] == \
            [len(r) for r in default["search"][variant]["rounds"]]

PROSE.append((r"Every end of both intervals lies within <n> mAP of 0\.", ["adversary_largest_end"]))
