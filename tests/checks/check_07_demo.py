"""What notebooks/07_demo.ipynb must compute in quick mode."""

from sbsr.demo.export import EMB_TOLERANCE


def check(results: dict) -> None:
    top1 = results["top1_accuracy"]
    assert set(top1) == {"no_adaptation", "full"}
    # the demo embeds sketches as training did: the full model finds the right class
    # first far more often than the unaligned spaces do (10 classes: chance is about 0.1;
    # the quick model on the calibrated benchmark gets about half right)
    assert top1["full"] > 0.4
    assert top1["full"] > top1["no_adaptation"] + 0.2
    # the line drawings of the quick benchmark's classes are scored by both variants
    drawings = results["drawings"]
    assert drawings["count"] >= 18 and drawings["classes"] >= 8
    assert set(drawings["class_in_top"]) == {"no_adaptation", "full"}
    assert len(drawings["per_drawing"]) == drawings["count"]
    assert 0 < drawings["random_ranking"] < drawings["count"]
    # the in-browser demo's export: PyTorch's embeddings and rankings, on every test sketch
    web = results["web_demo"]
    assert {"sketch.onnx", "demo.json", "thumbs.png", "queries.png"} <= set(web["files"])
    for name, check in web["check"].items():
        assert check["max_abs_diff"] <= EMB_TOLERANCE, (name, check)
        assert check["same_top"] == check["queries"] > 0, (name, check)
    assert web["picker"] >= drawings["classes"]  # at least one test sketch per class
    assert results["seconds"] > 0
