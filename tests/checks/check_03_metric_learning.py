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
