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


# Numbers the built page states in sentences (tests/test_book_prose.py).
PROSE = [
    (r"moves the share of sketches whose nearest shape has their class from <n> to <n>, "
     r"and the mean class-centroid distance from <n> to <n>; the domain classifier's "
     r"balanced accuracy goes from <n> to <n>\.",
     ["alignment.before T.nearest_neighbour_accuracy", "alignment.after T.nearest_neighbour_accuracy",
      "alignment.before T.centroid_distance", "alignment.after T.centroid_distance",
      "alignment.before T.domain_accuracy", "alignment.after T.domain_accuracy"]),
    (r"has its colour for <n>% of the <n> sketches shown \(<n>% if the colours",
     [lambda r: 100 * r["map"]["before T"], "counts.shown_sketches", lambda r: 100 * r["map"]["chance"]]),
    (r"has its colour for <n>% of the sketches shown\.", [lambda r: 100 * r["map"]["after T"]]),
    (r"aligns <w> best \(<n>% of its sketches find a shape of their class first\) and <w> "
     r"worst \(<n>%\)",
     [lambda r: max(sorted(r["per_class_nn_after"]), key=r["per_class_nn_after"].get),
      lambda r: 100 * max(r["per_class_nn_after"].values()),
      lambda r: min(sorted(r["per_class_nn_after"]), key=r["per_class_nn_after"].get),
      lambda r: 100 * min(r["per_class_nn_after"].values())]),
]

# Exercise 1 (tests/test_exercises.py): another perplexity changes the maps, not the measures.
EXERCISE = {"perplexity": 5.0}


def check_exercise(results: dict, default: dict) -> None:
    assert results["perplexity"] == 5.0 and default["perplexity"] == 30.0
    # computed in the embedding: equal to the last digit
    assert results["alignment"] == default["alignment"]
    # computed on the map: another map
    assert results["map"] != default["map"]
