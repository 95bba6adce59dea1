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


# Numbers the built page states in sentences (tests/test_book_prose.py).
PROSE = [
    (r"an mAP of <n> among sketches and <n> among shapes, against <n> for a random",
     ["within_modality.sketches.mAP", "within_modality.shapes.mAP", "chance.mAP"]),
    (r"moves the mAP from <n> to <n>, towards chance",
     ["cross_modal.mAP", "cross_modal_rotated.mAP"]),
    (r"On this build both are <n>", ["cross_modal.NN"]),
]

# Exercise 1 (tests/test_exercises.py): mean view pooling trains another shape CNN; its
# feature is still independent of the order of the views, and as wide.
EXERCISE = {"view_pooling": "mean"}


def check_exercise(results: dict, default: dict) -> None:
    assert results["view_pooling"] == "mean" and default["view_pooling"] == "max"
    assert results["view_pooling_order_invariant"] is True
    assert results["feature_widths"] == default["feature_widths"]
    # another shape CNN: other shape features, the same sketch features
    assert results["within_modality"]["shapes"]["mAP"] != default["within_modality"]["shapes"]["mAP"]
    assert results["within_modality"]["sketches"] == default["within_modality"]["sketches"]
    assert results["within_modality"]["shapes"]["mAP"] > results["chance"]["mAP"] + 0.3
