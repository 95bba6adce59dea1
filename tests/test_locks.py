"""Processes that would make the same file take turns (sbsr.io.exclusive): two chapters
built side by side train a stage they share once, and load the same numbers."""

from __future__ import annotations

import multiprocessing
import threading
import time
from concurrent.futures import ProcessPoolExecutor

import torch

from sbsr.io import exclusive
from sbsr.train import stages
from sbsr.train.config import MetricConfig

SPAWN = multiprocessing.get_context("spawn")


def _train_counting(checkpoint: str, log: str, barrier) -> list[dict]:
    """Train one metric net to ``checkpoint`` once ``barrier`` lets every process go; every
    step this process runs adds a line to ``log``."""
    run_steps = stages.run_steps

    def counting(stage, step, steps, **kwargs):
        def counted(i):
            with open(log, "a") as f:
                f.write(f"{i}\n")
            return step(i)
        return run_steps(stage, counted, steps, **kwargs)

    stages.run_steps = counting  # train_metric_net calls it by the module's name
    torch.set_num_threads(1)
    generator = torch.Generator().manual_seed(0)
    features, labels = torch.randn(64, 16, generator=generator), torch.arange(64) % 8
    cfg = MetricConfig(hidden=(32,), out_features=8, steps=40, classes_per_batch=4, samples_per_class=4)
    barrier.wait()
    _, history = stages.train_metric_net("m", features, labels, cfg, 0,
                                         stages.RunOptions(checkpoint=checkpoint, progress=False))
    return history


def test_two_processes_train_a_shared_stage_once(tmp_path):
    checkpoint, log = tmp_path / "cache" / "m.pt", tmp_path / "steps.log"
    with SPAWN.Manager() as manager, ProcessPoolExecutor(2, mp_context=SPAWN) as pool:
        barrier = manager.Barrier(2)  # both look for the checkpoint at the same moment
        futures = [pool.submit(_train_counting, str(checkpoint), str(log), barrier) for _ in range(2)]
        first, second = (f.result(timeout=300) for f in futures)
    assert log.read_text().split() == [str(i) for i in range(40)], "the stage was trained once, step by step"
    assert first == second and len(first) == 40, "the second process loaded what the first trained"


def test_features_made_meanwhile_are_loaded_not_computed(tmp_path):
    """cached_features checks again once it holds the lock."""
    path, made = tmp_path / "f.pt", torch.arange(6.0)
    calls, result = [], {}

    def load():
        result["features"] = stages.cached_features(path, lambda: calls.append(1) or torch.zeros(6))

    with exclusive(path):  # another process is computing the features
        reader = threading.Thread(target=load)
        reader.start()
        time.sleep(0.5)
        assert reader.is_alive(), "cached_features must wait for the lock"
        torch.save(made, path)
    reader.join(timeout=30)
    assert not calls and torch.equal(result["features"], made)
