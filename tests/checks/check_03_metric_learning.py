"""What notebooks/03_metric_learning.ipynb must compute in quick mode."""


def check(results: dict) -> None:
    loss = results["loss_check"]
    # the from-scratch loop and the library agree, on a non-trivial (positive) loss
    assert loss["abs_difference"] < 1e-9 and loss["library"] > 0.0
    # IAML sharpens towards the batch-hard triplet loss and never exceeds it
    curve = results["sharpness_curve"]
    assert curve["loss"][0] < curve["loss"][-1] <= curve["batch_hard"] + 1e-9
    assert abs(curve["loss"][-1] - curve["batch_hard"]) < 0.05
    # quick preset: 64-d CNN features -> (64) -> 32-d embeddings
    assert results["metric_net_sizes"] == {"sketch": [64, 64, 32], "shape": [64, 64, 32]}
    assert set(results["embedding_widths"].values()) == {32}
    within, chance = results["within_modality"], results["chance"]["mAP"]
    for name in ("IAML embeddings", "batch-hard triplet embeddings"):
        # sketches are the hard side of the calibrated benchmark
        for modality, margin in (("sketches", 0.2), ("shapes", 0.5)):
            assert within[name][modality]["mAP"] > chance + margin
    # the metric net improves sketch-to-sketch retrieval over the raw CNN features
    assert within["IAML embeddings"]["sketches"]["mAP"] > within["raw CNN features"]["sketches"]["mAP"]
    # discriminative but not aligned: across modalities far below within
    assert results["cross_modal_no_adaptation"]["mAP"] < within["IAML embeddings"]["sketches"]["mAP"] - 0.2


# Numbers the built page states in sentences (tests/test_book_prose.py).
PROSE = [
    (r"sketch → sketch mAP goes from <n> on the raw CNN features to <n> on the IAML "
     r"embeddings \(<n> with the batch-hard",
     ["within_modality.raw CNN features.sketches.mAP", "within_modality.IAML embeddings.sketches.mAP",
      "within_modality.batch-hard triplet embeddings.sketches.mAP"]),
    (r"an mAP of <n>, against <n> among sketches and <n> for a random",
     ["cross_modal_no_adaptation.mAP", "within_modality.IAML embeddings.sketches.mAP", "chance.mAP"]),
    (r"On this build both give <n>", ["sharpness_curve.batch_hard"]),
]

# Exercise 1 (tests/test_exercises.py): alpha = beta = 0 weighs all pairs alike.
EXERCISE = {"alpha": 0.0, "beta": 0.0}


def check_exercise(results: dict, default: dict) -> None:
    assert results["iaml"]["alpha"] == results["iaml"]["beta"] == 0.0
    assert default["iaml"]["alpha"] > 0
    loss = results["loss_check"]
    # the loop written from the equations still agrees with the library ...
    assert loss["abs_difference"] < 1e-9
    # ... and is the left end of the sharpening curve, below the batch-hard loss
    assert abs(loss["library"] - results["sharpness_curve"]["loss"][0]) < 1e-9
    assert loss["library"] < results["sharpness_curve"]["batch_hard"]
    # the metric networks were trained with it: other embeddings than the default's
    iaml = results["within_modality"]["IAML embeddings"]["sketches"]["mAP"]
    assert iaml != default["within_modality"]["IAML embeddings"]["sketches"]["mAP"]
