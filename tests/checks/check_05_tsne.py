"""What notebooks/05_tsne.ipynb must compute in quick mode."""


def check(results: dict) -> None:
    before, after = results["alignment"]["before T"], results["alignment"]["after T"]
    # T moves each class's sketches towards its shapes, and more sketches find a shape of their class
    assert after["centroid_distance"] < before["centroid_distance"]
    assert after["nearest_neighbour_accuracy"] > before["nearest_neighbour_accuracy"]
    for measures in (before, after):
        assert 0.0 <= measures["nearest_neighbour_accuracy"] <= 1.0
        assert 0.0 <= measures["domain_accuracy"] <= 1.0
    # the nearest-neighbour accuracy after T is the SHREC NN score of the same run
    assert abs(after["nearest_neighbour_accuracy"] - results["nn_metric"]) < 0.02
    counts = results["counts"]
    # quick mode: all 10 classes shown, 10 test sketches per class
    assert counts["shown_classes"] == 10 and counts["sketches"] == 100 == counts["shown_sketches"]
    assert counts["shown_shapes"] == counts["shapes"]
    for coords in results["tsne"].values():
        assert coords["finite"] and coords["shape"] == [counts["shown_sketches"] + counts["shown_shapes"], 2]
