"""What every chapter notebook starts with: the benchmark, its arrays, the training
config and the folder of trained stages that all chapters share.

Chapters call :func:`setup` with their parameters; because every chapter asks
for the same config and the same cache folder, a stage trained by one chapter
(backbones, metric networks, SPAL) is loaded, not retrained, by the next.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from sbsr.data.prepare import prepare_benchmark
from sbsr.data.shrec import Benchmark
from sbsr.runtime import quick_mode, seed_everything
from sbsr.train.config import TrainConfig, resolve
from sbsr.train.experiment import Data, load_data
from sbsr.train.parallel import resolve_workers


def shared_out_dir(cache_dir: str | Path, kind: str, bench_root: str | Path, preset_name: str) -> Path:
    """The folder of trained stages for one benchmark and training preset, shared by all users."""
    return Path(cache_dir) / f"{kind}-{Path(bench_root).name}-{preset_name}"


class Chapter(NamedTuple):
    bench: Benchmark
    data: Data
    config: TrainConfig
    out_dir: Path  # pass to sbsr.train.experiment.train_variant / run_ablations
    quick: bool
    workers: int  # processes for independent training jobs (see setup)


def setup(dataset: str = "synth", data_root: str | Path = "../data/synthsbr",
          cache_dir: str | Path = "../runs/cache", preset_name: str = "default", seed: int = 0,
          device: str = "auto", quick: bool = False, progress: bool = True, workers: int = 0,
          **synth) -> Chapter:
    """Benchmark, arrays and config of a chapter; ``quick`` (or ``SBSR_QUICK=1``) shrinks both.
    ``workers``: processes for the chapter's independent training jobs
    (:func:`training_workers`).
    ``synth``: SynthSBR settings other than the book's (e.g. ``sketch_style="rough"``), as
    :func:`sbsr.data.prepare.prepare_benchmark` takes them."""
    quick = quick or quick_mode()
    seed_everything(seed)
    # the benchmark does not vary with the training seed
    bench = prepare_benchmark(dataset, data_root, quick=quick, progress=progress, **synth)
    config = resolve("quick" if quick else preset_name, overrides={"seed": seed, "device": device})
    data = load_data(bench.root, config, progress=progress)
    out_dir = shared_out_dir(cache_dir, bench.kind, bench.root, "quick" if quick else preset_name)
    return Chapter(bench, data, config, out_dir, quick, training_workers(workers, quick))


def training_workers(workers: int, quick: bool) -> int:
    """Processes for a chapter's independent training jobs: ``workers``, where 0 means one
    per core, except in quick mode, where 0 means one, this process. Quick jobs take a few
    seconds, about what a worker process takes to start (``make bench``: the quick
    experiment is no faster on two workers than on one), and ``make test`` executes two
    chapters at once anyway."""
    resolve_workers(workers)  # a clear error for a negative number
    return 1 if quick and workers == 0 else workers
