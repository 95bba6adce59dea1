"""Choices are made on validation sketches held out of the training split, never on the test ones."""

import numpy as np
import pytest

from sbsr.train.splits import fewer_sketches, validation_ids, validation_split
from sbsr.train.tuning import choose
from test_training import make_data, tiny_config, tiny_map


def test_validation_holds_out_some_training_sketches_of_every_class():
    labels = np.repeat(np.arange(6), 12)
    ids = validation_ids(labels, per_class=3, seed=0)
    assert np.bincount(labels[ids]).tolist() == [3] * 6
    assert np.array_equal(ids, validation_ids(labels, per_class=3, seed=0))  # deterministic
    assert not np.array_equal(ids, validation_ids(labels, per_class=3, seed=1))
    with pytest.raises(ValueError, match="class 0 has 12 training sketches: too few for per_class"):
        validation_ids(labels, per_class=12)


def test_the_validation_split_has_no_test_sketch():
    data = make_data()
    tuning = validation_split(data, per_class=3)
    train = [bytes(x) for x in np.asarray(data.sketch_train)]
    test = {bytes(x) for x in np.asarray(data.sketch_test)}
    for images in (tuning.sketch_train, tuning.sketch_test):
        assert all(bytes(x) in set(train) and bytes(x) not in test for x in images)
    assert len(tuning.sketch_train) + len(tuning.sketch_test) == len(data.sketch_train)
    assert {bytes(x) for x in tuning.sketch_train}.isdisjoint(bytes(x) for x in tuning.sketch_test)


def test_a_choice_cannot_see_the_test_sketches(tmp_path):
    data, config = make_data(), tiny_config()
    candidates = {"narrow T": config.replace(**{"spal.transform_hidden": [4]}),
                  "wide T": config.replace(**{"spal.transform_hidden": [32]})}
    first = choose(data, candidates, tmp_path / "a", per_class=3, evaluate=tiny_map)
    # the same choice, to the last digit, with the test sketches replaced by noise and their labels shuffled
    rng = np.random.default_rng(1)
    poisoned = data._replace(sketch_test=rng.integers(0, 256, data.sketch_test.shape, dtype=np.uint8),
                             sketch_test_labels=rng.permutation(data.sketch_test_labels))
    second = choose(poisoned, candidates, tmp_path / "b", per_class=3, evaluate=tiny_map)
    assert first == second and first["best"] in candidates
    assert first["validation"]["narrow T"]["mAP"] != first["validation"]["wide T"]["mAP"]


def test_fewer_sketches_keeps_that_many_of_every_class_and_the_rest_as_is():
    data = make_data()
    few = fewer_sketches(data, per_class=4)
    assert np.bincount(few.sketch_train_labels).tolist() == [4] * 6
    train = {bytes(x) for x in np.asarray(data.sketch_train)}
    assert all(bytes(x) in train for x in few.sketch_train)
    assert few.sketch_test is data.sketch_test and few.shape_views is data.shape_views
    assert np.array_equal(fewer_sketches(data, 4).sketch_train, few.sketch_train)


def test_the_search_screens_in_rounds_then_confirms_the_top_three_on_several_seeds(tmp_path):
    from sbsr.train.tuning import search

    data, config = make_data(), tiny_config()
    spaces = {"full": [{"T 8": {}, "T 4": {"spal.transform_hidden": [4]}, "T 32": {"spal.transform_hidden": [32]}},
                       {"start": {}, "CMD summed": {"spal.cmd_reduction": "sum"}}],
              "joint_triplet": [{"default": {}, "margin 0.4": {"joint.margin": 0.4}},
                                {"start": {}, "width 16": {"joint.out_features": 16}}]}
    found = search(data, config, spaces, tmp_path, seeds=(0, 1), per_class=3, evaluate=tiny_map)
    for variant, result in found.items():
        first, second = result["rounds"]
        best_first = max(first, key=lambda c: c["mAP"])
        assert second[0]["changes"] == best_first["changes"]  # round 2 starts from round 1's best
        assert second[0]["name"] == f"start: {best_first['name']}"
        assert second[0]["mAP"] == best_first["mAP"]  # the same configuration, not trained twice
        confirmed = result["confirmed"]
        assert len(confirmed) == 3 and all(len(c["per_seed"]) == 2 for c in confirmed)
        assert len({str(c["changes"]) for c in confirmed}) == 3  # distinct configurations
        means = [c["validation"]["mean"] for c in confirmed]
        assert means == sorted(means, reverse=True) and result["best"]["name"] == confirmed[0]["name"]
        gap = result["runner_up_gap"]
        assert gap["mean"] == pytest.approx(means[0] - means[1])
        assert result["decided"] == (gap["low"] > 0)
    # the test sketches never enter: noise in their place changes nothing
    rng = np.random.default_rng(1)
    poisoned = data._replace(sketch_test=rng.integers(0, 256, data.sketch_test.shape, dtype=np.uint8))
    assert search(poisoned, config, spaces, tmp_path / "b", seeds=(0, 1), per_class=3, evaluate=tiny_map) == found


def test_the_books_search_is_the_same_size_for_both_methods_and_starts_from_its_origin():
    from sbsr.search_spaces import ORIGIN, adversary_space, default_changes, method_spaces, search_base
    from sbsr.train import preset

    spaces = method_spaces()
    sizes = {v: [len(r) for r in rounds] for v, rounds in spaces.items()}
    assert sizes["full"] == sizes["joint_triplet"]
    config = preset("default")
    base = search_base(config)
    for key, value in ORIGIN.items():  # every searched setting starts where it was before the search
        section, name = key.split(".")
        assert getattr(getattr(base, section), name) in (value, tuple(value) if isinstance(value, list) else value)
    assert all(rounds[1]["start"] == {} for rounds in spaces.values())
    # round 1 sets T's whole form; the origin's own T is one of its candidates
    assert all(len(c) == 4 for c in spaces["full"][0].values())
    assert search_base(config.replace(**spaces["full"][0]["T 64-32-64"])).to_dict() == base.to_dict()
    # in quick mode the joint baseline trains as long as the quick preset says, not 1,500 steps
    quick = preset("quick")
    assert search_base(quick).joint.steps == 1500 and search_base(quick, quick=True).joint.steps == quick.joint.steps
    assert search_base(quick, quick=True).replace(**{"joint.steps": 1500}).to_dict() == search_base(quick).to_dict()
    # the defaults agree with a choice when every searched setting equals the choice's
    chosen = {**spaces["full"][0]["T 512-512"], "metric.margin": 0.4}
    assert default_changes(base.replace(**chosen), chosen, spaces["full"]) == {}
    assert default_changes(base, chosen, spaces["full"]) == {"metric.margin": 0.4, "spal.transform_hidden": [512, 512]}
    # only the settings a method's search varies count: the other method's are not its choice
    assert default_changes(base.replace(**chosen, **{"joint.margin": 0.4}), chosen, spaces["full"]) == {}
    for changes in adversary_space().values():
        config.replace(**changes)  # every candidate is a valid config
