"""Chapter 08 shows the validation search from a record made outside the build: the record
must answer the very search the chapter would run, and sbsr's defaults must be its choice."""

import json
from pathlib import Path

import numpy as np
import pytest

from sbsr.data.prepare import SYNTH_DEFAULT
from sbsr.data.render import RenderSettings
from sbsr.data.synthetic import SynthConfig, make_plan
from sbsr.io import write_json
from sbsr.search_spaces import (
    adversary_space,
    default_changes,
    method_spaces,
    read_search_record,
    search_base,
    search_digest,
)
from sbsr.train.config import preset, resolve
from sbsr.train.experiment import Data
from conftest import load_module
from test_training import make_data, tiny_config

RECORD = Path(__file__).resolve().parent.parent / "book" / "measured" / "validation-search.json"


def test_the_digest_changes_with_each_part_of_the_question():
    data, config, spaces, adversaries = make_data(), tiny_config(), method_spaces(), adversary_space()

    def digest(data=data, config=config, spaces=spaces, adversaries=adversaries, seeds=(0, 1, 2), per_class=10):
        return search_digest(data, config, spaces, adversaries, seeds, per_class)

    first = digest()
    assert first == digest(spaces=method_spaces(), adversaries=adversary_space())
    assert first == digest(config=config.replace(device="cpu"))
    assert first == digest(config=config.replace(feature_batch_size=7))
    # the search starts from search_base(config): a setting it replaces is not part of the question
    assert first == digest(config=config.replace(**{"spal.transform_hidden": [8]}))
    fewer = data._replace(shape_labels=data.shape_labels[:-1], shape_views=data.shape_views[:-1])
    extra = {**spaces, "full": [*spaces["full"], {"lr 3e-4": {"spal.lr": 3e-4}}]}
    for other in (digest(data=fewer), digest(config=config.replace(**{"spal.steps": 7})), digest(spaces=extra),
                  digest(adversaries={**adversaries, "D lr 1e-2": {"spal.disc_lr": 1e-2}}),
                  digest(seeds=(0, 1)), digest(per_class=20)):
        assert other != first


def test_the_committed_record_answers_the_chapters_search_at_the_defaults():
    """What chapter 08 asks of the record in ``make book``, without writing the benchmark:
    the default SynthSBR's sizes come from its plan, its images are stand-ins of no memory."""
    measure = load_module(RECORD.parent.parent / "measure_search.py")  # its seeds and validation split

    plan, config = make_plan(SynthConfig(**SYNTH_DEFAULT)), preset("default")

    def labels(ids):
        return np.concatenate([np.full(len(ids[name]), i) for i, name in enumerate(plan.classes)])

    def images(labels, *shape):
        return np.broadcast_to(np.zeros((), np.uint8), (len(labels), *shape))

    train, test, models = labels(plan.train), labels(plan.test), labels(plan.models)
    size, views = config.sketch.image_size, RenderSettings().num_views
    data = Data(images(train, size, size), train, images(test, size, size), test,
                images(models, views, config.shape.image_size, config.shape.image_size), models)
    digest = search_digest(data, config, method_spaces(), adversary_space(), measure.SEEDS,
                           measure.PER_CLASS)
    assert read_search_record(RECORD, digest)["digest"] == digest


def test_a_record_is_read_only_when_it_answers_the_search(tmp_path):
    path = tmp_path / "record.json"
    with pytest.raises(ValueError, match=r"record\.json: no search record there; run .*measure_search"):
        read_search_record(path, "abc")
    path.write_text("{not json")
    with pytest.raises(ValueError, match=r"record\.json: not a search record"):
        read_search_record(path, "abc")
    write_json(path, {"digest": "abc", "search": {"full": {}}})
    assert read_search_record(path, "abc")["search"] == {"full": {}}
    with pytest.raises(ValueError, match=r"record\.json: recorded for another search .*rerun_search True"):
        read_search_record(path, "abd")


def test_the_defaults_are_the_recorded_choice_of_each_method():
    record = json.loads(RECORD.read_text())
    config, spaces = resolve("default"), method_spaces()
    assert set(record["search"]) == set(spaces)
    for variant, result in record["search"].items():
        assert [len(r) for r in result["rounds"]] == [len(r) for r in spaces[variant]]
        assert default_changes(config, result["best"]["changes"], spaces[variant]) == {}, variant
    # and the search started from the settings sbsr had before it, not from the defaults
    assert search_base(config).spal.transform_hidden == (64, 32, 64)
    # the adversary's search and the re-implementation's T are in it, for chapter 08
    assert [c["name"] for c in record["adversary"]["rounds"][0]][0] == "the default D"
    assert len(record["adversary"]["rounds"][0]) == len(adversary_space())
    assert 0.0 <= record["reimplementation_t"]["mAP"] <= 1.0
