"""What notebooks/06_experiments.ipynb must compute in quick mode."""

VARIANTS = {"no_adaptation", "adversarial_only", "cmd_only", "full", "joint_triplet", "full_plain_triplet"}
COLUMNS = ("NN", "FT", "ST", "E", "DCG", "mAP")


def check(results: dict) -> None:
    variants = results["variants"]
    assert set(variants) == VARIANTS
    for name, result in variants.items():
        for column in COLUMNS:
            assert 0.0 <= result["mean"][column] <= 1.0, (name, column)
            assert result["std"][column] >= 0.0
    # the paper's central claim, which holds even at quick scale: without T the two
    # separately learned spaces are not aligned; SPAL aligns them
    assert variants["full"]["mean"]["mAP"] > variants["no_adaptation"]["mean"]["mAP"] + 0.2
    assert variants["full"]["mean"]["mAP"] > variants["adversarial_only"]["mean"]["mAP"]
    assert all(len(curve) == 20 for curve in results["pr_curve"].values())
    assert set(results["per_class_ap"]) == {"full", "no_adaptation"}
