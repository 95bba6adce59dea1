"""What notebooks/02_features.ipynb must compute in quick mode."""


def check(results: dict) -> None:
    # the features are as wide as the last block of each compact CNN (quick preset: 64)
    assert results["feature_widths"] == results["config_widths"] == {"sketch": 64, "shape": 64}
    assert results["num_features"]["shapes"] > 40 and results["num_features"]["sketch_test"] == 100
    assert results["view_pooling_order_invariant"] is True
    # the backbones learned something: training accuracy far above chance (10 classes)
    for accuracy in results["backbone_accuracy"].values():
        assert accuracy > 0.3
    within, chance = results["within_modality"], results["chance"]
    # raw features are discriminative within each modality (sketches less: SynthSBR's
    # calibrated hand makes them the hard side, as in SHREC) ...
    for name, margin in (("sketches", 0.15), ("shapes", 0.3)):
        assert within[name]["mAP"] > chance["mAP"] + margin
        # ... and a rotation of the space changes nothing there
        assert abs(results["within_modality_rotated"][name]["mAP"] - within[name]["mAP"]) < 1e-6
    # ... but the two spaces are not aligned: across the gap retrieval is worse than either
    for key in ("cross_modal", "cross_modal_rotated"):
        assert results[key]["mAP"] < within["sketches"]["mAP"]
        assert results[key]["mAP"] < within["shapes"]["mAP"] - 0.3
