"""Independent training jobs in parallel processes, with the result of a serial run.

Training runs with one torch thread per process (``TrainConfig.cpu_threads``),
so on a machine with several cores the independent jobs of an experiment (a
backbone per modality and seed, a metric network pair per seed, a variant per
seed) run side by side, one process each. Every stage seeds itself from the
training seed, so a job computes the same numbers in a worker process as in a
serial loop: :func:`run_jobs` with one worker *is* that loop.

Workers are started with the ``spawn`` method (a fresh interpreter: safe with
torch's thread pools, and the only method CUDA allows). Arguments are pickled;
memory-mapped arrays travel as their file name (:func:`shareable`), not their bytes.
"""

from __future__ import annotations

import mmap
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Sequence

import numpy as np


def default_workers() -> int:
    """The CPU cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def resolve_workers(workers: int) -> int:
    """``workers`` itself, or :func:`default_workers` for 0; a negative number is an error."""
    if not isinstance(workers, (int, np.integer)) or workers < 0:
        raise ValueError(f"workers={workers!r}: expected 0 (one per CPU core) or a positive number of processes")
    return int(workers) or default_workers()


class Workers:
    """Up to ``workers`` processes (0: one per core), started on first use and
    shared by every call of :meth:`run` until the ``with`` block ends."""

    def __init__(self, workers: int = 1):
        self.count = resolve_workers(workers)
        self._pool: ProcessPoolExecutor | None = None

    def run(self, fn: Callable, jobs: Sequence[tuple]) -> list:
        """``[fn(*job) for job in jobs]``, in the order of ``jobs``; the first exception
        of a job is raised here. With one worker, or one job, it runs in this process."""
        if self.count <= 1 or len(jobs) <= 1:
            return [fn(*job) for job in jobs]
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.count, mp_context=multiprocessing.get_context("spawn"))
        futures = [self._pool.submit(fn, *job) for job in jobs]
        return [future.result() for future in futures]

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


def run_jobs(fn: Callable, jobs: Sequence[tuple], workers: int = 1) -> list:
    """``[fn(*job) for job in jobs]`` on up to ``workers`` processes (:class:`Workers`)."""
    with Workers(min(resolve_workers(workers), max(1, len(jobs)))) as pool:
        return pool.run(fn, jobs)


def shareable(array: np.ndarray):
    """A picklable stand-in for ``array``: a whole-file memory map becomes its
    file name and layout (see :func:`restore`); any other array stays itself."""
    if isinstance(array, np.memmap) and isinstance(array.base, mmap.mmap) and array.filename:
        return ("memmap", str(array.filename), int(array.offset), array.shape, array.dtype.str,
                bool(array.flags.f_contiguous and not array.flags.c_contiguous))
    return array


def restore(item) -> np.ndarray:
    """The array that :func:`shareable` stood in for (a read-only memory map, or the array itself)."""
    if isinstance(item, tuple) and item and item[0] == "memmap":
        _, filename, offset, shape, dtype, fortran = item
        return np.memmap(filename, dtype=np.dtype(dtype), mode="r", offset=offset, shape=shape,
                         order="F" if fortran else "C")
    return item
