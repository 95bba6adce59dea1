"""What notebooks/07_demo.ipynb must compute in quick mode."""


def check(results: dict) -> None:
    top1 = results["top1_accuracy"]
    assert set(top1) == {"no_adaptation", "full"}
    # the demo embeds sketches as training did: the full model finds the right class
    # first far more often than the unaligned spaces do (10 classes: chance is about 0.1;
    # the quick model on the calibrated benchmark gets about half right)
    assert top1["full"] > 0.4
    assert top1["full"] > top1["no_adaptation"] + 0.2
    # the hand drawings of the quick benchmark's classes are scored by both variants
    drawings = results["drawings"]
    assert drawings["count"] >= 18 and drawings["classes"] >= 8
    assert set(drawings["class_in_top10"]) == {"no_adaptation", "full"}
    assert len(drawings["per_drawing"]) == drawings["count"]
    assert 0 < drawings["random_ranking"] < drawings["count"]
