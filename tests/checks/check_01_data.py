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
    assert calibration["target_mAP"] == 0.47 and calibration["target_recognised"] == 0.70
    assert 0.0 < calibration["joint_triplet_mAP"] <= 1.0
    # the quick benchmark's sketches are recognisable (10 classes: chance is 0.1), and the
    # probe fits its training sketches at least as well as it reads the test ones
    assert 0.5 < calibration["recognised_test"] <= calibration["recognised_train"]
    # the hand drawings of the quick classes are read far above chance by a backbone that
    # never saw them
    assert calibration["drawings"] >= 18 and calibration["recognised_drawings"] > 0.3
