"""What notebooks/06_experiments.ipynb must compute in quick mode."""

VARIANTS = {"no_adaptation", "adversarial_only", "cmd_only", "full", "joint_triplet", "joint_iaml",
            "full_plain_triplet"}
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
    probes = [p["mAP"] for p in results["bottleneck_probes"]]  # the default T first
    assert len(probes) == 4 and all(0.0 <= m <= 1.0 for m in probes)
    # the first probe is the full model as the table trained it (read from its cache) ...
    assert abs(probes[0] - results["variants"]["full"]["per_seed_maps"][0]) < 1e-12
    # ... and each other one changes its configuration, so it trains anew
    assert all(m != probes[0] for m in probes[1:])
