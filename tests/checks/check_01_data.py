"""What notebooks/01_data.ipynb must compute in quick mode."""


def check(results: dict) -> None:
    bench = results["benchmark"]
    assert bench["classes"] == 10 and bench["models"] > 10 * 4
    assert bench["test_sketches"] == 10 * bench["classes"]
    raw = results["raw_pixel"]
    # raw pixels carry the class within the sketch modality better than across the gap
    assert raw["within_sketches"]["NN"] > raw["cross_modal"]["NN"]
    for name in ("cross_modal", "within_sketches", "chance"):
        assert 0.0 <= raw[name]["mAP"] <= 1.0
    stats = results["pixel_statistics"]
    # rendered views are filled silhouettes, sketches are outlines
    assert stats["rendered views"]["fill"] > stats["sketches"]["fill"]
    calibration = results["calibration"]
    assert calibration["target_mAP"] == 0.47
    assert 0.0 < calibration["joint_triplet_mAP"] <= 1.0
