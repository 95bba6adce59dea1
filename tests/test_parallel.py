"""Parallel training jobs give the numbers of a serial run; memory maps travel by name."""

import pickle

import numpy as np
import pytest

from sbsr.train import VARIANTS, parallel
from sbsr.train.experiment import Data, run_ablations
from test_training import make_data, tiny_config

# These tests compare numbers between serial and parallel runs; the numbers need not be
# good, so the stages after the backbones train a fifth of tiny_config's steps.
FEW_STEPS = {"metric.steps": 30, "spal.steps": 30, "joint.steps": 30}


def test_two_workers_reproduce_one_worker_exactly(tmp_path):
    data, config = make_data(), tiny_config(**FEW_STEPS)
    serial = run_ablations(data, config, tmp_path / "serial", seeds=(0, 1), progress=False, workers=1)
    two = run_ablations(data, config, tmp_path / "two", seeds=(0, 1), progress=False, workers=2)
    assert list(two["variants"]) == list(VARIANTS)
    for variant in VARIANTS:
        assert two["variants"][variant]["per_seed"] == serial["variants"][variant]["per_seed"], variant
    # each seed's backbones were trained once, by the first wave of jobs
    assert len(list((tmp_path / "two").rglob("sketch_backbone.pt"))) == 2
    # the seeds differ, so the comparison above is not between two copies of one number
    maps = [m["mAP"] for m in serial["variants"]["full"]["per_seed"]]
    assert maps[0] != maps[1]


def _square(x):
    return x * x


def test_a_pool_keeps_the_order_of_the_jobs_and_raises_errors():
    with parallel.Workers(2) as pool:  # what run_jobs uses; one pool, started once, for both
        assert pool.run(_square, [(i,) for i in range(5)]) == [0, 1, 4, 9, 16]
        with pytest.raises(TypeError):
            pool.run(_square, [("a",), (2,)])
    assert parallel.run_jobs(_square, [(3,)], workers=2) == [9]  # one job: no pool
    with pytest.raises(ValueError, match="workers=-1"):
        parallel.run_jobs(_square, [(1,)], workers=-1)
    assert parallel.resolve_workers(0) == parallel.default_workers() >= 1


def test_memory_maps_are_pickled_by_file_name(tmp_path):
    data = make_data()
    mapped = []
    for i, array in enumerate(data):
        np.save(tmp_path / f"{i}.npy", array)
        mapped.append(np.load(tmp_path / f"{i}.npy", mmap_mode="r"))
    shared = Data(*mapped)
    blob = pickle.dumps(shared)
    assert len(blob) < 4096 < sum(a.nbytes for a in data)  # names, not bytes
    back = pickle.loads(blob)
    for before, after in zip(data, back):
        assert isinstance(after, np.memmap)
        np.testing.assert_array_equal(before, after)
    # a slice of a memory map is not the whole file: it travels by value
    part = Data(*(m[1:] for m in mapped))
    for before, after in zip(data, pickle.loads(pickle.dumps(part))):
        np.testing.assert_array_equal(before[1:], after)


def test_several_conditions_in_one_pool_give_each_its_own_numbers(tmp_path):
    from sbsr.train.experiment import ablation_results, many_ablations, prepare_stages

    data, config = make_data(), tiny_config(**FEW_STEPS)
    other = make_data(seed=1)
    conditions = {"a": (data, config, ("full", "joint_triplet"), (0,)),
                  "b": (other, config, ("full",), (0, 1))}
    prepare_stages([(d, config.replace(variant=v, seed=s)) for d, c, vs, ss in conditions.values()
                    for v in vs for s in ss], tmp_path / "together", workers=2)
    backbones = sorted((tmp_path / "together").rglob("*_backbone.pt"))
    assert len(backbones) == 2 + 2 * 2  # a: seed 0; b: seeds 0 and 1; a sketch and a shape backbone each
    together = many_ablations(conditions, tmp_path / "together", progress=False, workers=2)
    assert sorted((tmp_path / "together").rglob("*_backbone.pt")) == backbones  # nothing trained again
    for name, (d, c, variants, seeds) in conditions.items():
        alone = ablation_results(d, c, tmp_path / f"alone-{name}", variants, seeds, progress=False, workers=1)
        assert together[name] == alone


def test_a_chapter_trains_in_its_own_process_in_quick_mode_unless_told_otherwise():
    from sbsr.chapters import training_workers

    assert training_workers(0, quick=True) == 1
    assert training_workers(0, quick=False) == 0  # one per core, as run_jobs reads 0
    assert training_workers(2, quick=True) == training_workers(2, quick=False) == 2
    with pytest.raises(ValueError, match="workers=-1"):
        training_workers(-1, quick=True)
