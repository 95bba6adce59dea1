"""What notebooks/04_adaptation.ipynb must compute in quick mode."""


def check(results: dict) -> None:
    history = results["history"]
    # one record per SPAL step of the configuration
    assert history["steps"] == results["spal"]["steps"] > 0
    # CMD is one of T's losses: it falls over training
    assert history["cmd_last"] < history["cmd_first"]
    assert 0.0 <= history["d_accuracy_after_100"] <= 1.0 and 0.0 <= history["d_near_chance"] <= 1.0
    # each term's pull on T was measured, and the terms that have a weight pull
    pulls = results["term_gradients"]
    assert set(pulls) == {"adversarial", "cmd", "metric"} and all(v >= 0 for v in pulls.values())
    assert pulls["cmd"] > 0 and pulls["metric"] > 0
    # the hand-written CMD is the library's
    assert abs(results["cmd_check"]["by_hand"] - results["cmd_check"]["library"]) < 1e-6
    metrics = results["metrics"]
    for variant in ("no_adaptation", "full"):
        assert all(0.0 <= value <= 1.0 for value in metrics[variant].values())
    # SPAL bridges the two separately learned spaces (quick mode: mAP about 0.3 -> 0.9 over seeds 0-2)
    assert metrics["full"]["mAP"] > metrics["no_adaptation"]["mAP"] + 0.1
    assert metrics["full"]["NN"] > metrics["no_adaptation"]["NN"]


# Numbers the built page states in sentences (tests/test_book_prose.py).
PROSE = [
    (r"accuracy averages <n> and is between 0\.4 and 0\.6 in <n>% of the steps; its loss "
     r"averages <n>",
     ["history.d_accuracy_after_100", lambda r: 100 * r["history"]["d_near_chance"], "history.d_loss_after_100"]),
    (r"CMD falls from <n> \(mean of the first <n> steps\) to <n>\.",
     ["history.cmd_first", "window", "history.cmd_last"]),
]

# Exercise 2 (tests/test_exercises.py): CMD summed over the batch's classes is about that many
# times the mean at the start of training (quick mode: 8 classes a batch).
EXERCISE = {"config_changes": {"spal.cmd_reduction": "sum"}}


def check_exercise(results: dict, default: dict) -> None:
    assert results["spal"]["cmd_reduction"] == "sum" and default["spal"]["cmd_reduction"] == "mean"
    ratio = results["history"]["cmd_first"] / default["history"]["cmd_first"]
    assert 3 < ratio <= results["spal"]["classes_per_batch"] * 1.05, ratio
