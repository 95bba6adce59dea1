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


# Numbers the built page states in sentences, each against results.json (tests/test_book_prose.py):
# (regular expression with one group per number, one results path or function per group).
PROSE = [
    (r"SHREC 2013 has between <n> and <n> target models",
     ["class_sizes.shrec13.least", "class_sizes.shrec13.most"]),
    (r"here <n> models over <n> classes, against SHREC's <n> over <n>\)",
     ["class_sizes.synth.models", "class_sizes.synth.classes", "class_sizes.shrec13.models",
      "class_sizes.shrec13.classes"]),
    (r"the largest class here has <n> models", ["class_sizes.synth.most"]),
    (r"class for <n> of the sketches, against <n> for a random ranking",
     ["raw_pixel.cross_modal.NN", "raw_pixel.chance.NN"]),
    (r"right class more often \(<n>\)", ["raw_pixel.within_sketches.NN"]),
    (r"The probe reads <n> of the test sketches and <n> of the <n> scripted drawings "
     r"of <n> classes", ["calibration.recognised_test", "calibration.recognised_drawings",
                           "calibration.drawings", "calibration.drawing_classes"]),
    (r"The joint baseline scores an mAP of <n>", ["calibration.joint_triplet_mAP"]),
    (r"A linear probe on the sketch backbone reads <n> of the test sketches",
     ["calibration.recognised_test"]),
    (r"never saw \(<n>\)", ["calibration.recognised_drawings"]),
    (r"On this build: <n> of <n> classes have fewer than 10 models, and the 10 largest hold "
     r"<n>% of all models",
     [lambda r: sum(1 for c in r["class_sizes"]["synth_per_class"] if c < 10),
      "class_sizes.synth.classes",
      lambda r: 100 * sum(sorted(r["class_sizes"]["synth_per_class"])[-10:])
      / sum(r["class_sizes"]["synth_per_class"])]),
]

# Exercise 1, run by tests/test_exercises.py: the rough sketches of version 2 (the folder the
# reproduction study shares), which the probe must read less well than the human-style ones.
EXERCISE = {"sketch_style": "rough", "data_root": "../data/synthsbr-rough"}


def check_exercise(results: dict, default: dict) -> None:
    assert results["sketch_style"] == "rough" and default["sketch_style"] == "human"
    # the same classes and gallery size, other sketches
    assert results["benchmark"] == default["benchmark"]
    assert results["calibration"]["recognised_test"] < default["calibration"]["recognised_test"] - 0.05
