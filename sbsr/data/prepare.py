"""The benchmark a chapter runs on, from its ``dataset`` and ``data_root`` parameters.

``dataset="synth"`` generates SynthSBR under ``data_root`` the first time
(resuming an interrupted run) and reuses it afterwards; quick mode uses a
10-class version in ``<data_root>-quick``. ``"shrec13"`` and ``"shrec14"`` read
the real data, which must already be unpacked under ``data_root`` (see the
chapter "Reproducing on SHREC 2013 and 2014").
"""

from __future__ import annotations

from pathlib import Path

from sbsr.data.shrec import Benchmark, load_benchmark

DATASETS = ("synth", "shrec13", "shrec14")

#: SynthSBR at book scale (SHREC 2013's size) and at test scale.
SYNTH_DEFAULT = dict(num_classes=90, train_sketches=50, test_sketches=30, image_size=256)
SYNTH_QUICK = dict(num_classes=10, train_sketches=30, test_sketches=10, image_size=128, model_scale=0.6)


def synth_root(data_root: str | Path, quick: bool) -> Path:
    """Where SynthSBR lives for this mode: quick runs never touch the full benchmark."""
    root = Path(data_root)
    return root.with_name(root.name + "-quick") if quick else root


def prepare_benchmark(dataset: str, data_root: str | Path, quick: bool = False, seed: int = 0,
                      workers: int = 2, progress: bool = True, **synth) -> Benchmark:
    """Load the chapter's benchmark; for ``"synth"``, write it first if it is not complete.

    ``synth`` changes SynthSBR's settings (:func:`sbsr.data.synthetic.write_benchmark`'s
    keyword arguments, e.g. ``sketch_style="rough"``) from the book's defaults; give such
    a benchmark its own ``data_root``.
    """
    if dataset not in DATASETS:
        raise ValueError(f"dataset={dataset!r} is unknown; valid: {', '.join(DATASETS)}")
    if dataset == "synth":
        from sbsr.data.synthetic import write_benchmark

        root = synth_root(data_root, quick)
        write_benchmark(root, seed=seed, workers=workers, progress=progress,
                        **{**(SYNTH_QUICK if quick else SYNTH_DEFAULT), **synth})
        return load_benchmark(root, kind="synth")
    if synth:
        raise ValueError(f"SynthSBR settings {sorted(synth)} were given for dataset={dataset!r}")
    root = Path(data_root)
    if not root.is_dir():
        raise FileNotFoundError(
            f"data_root={str(root)!r} does not exist: unpack the {dataset.upper()} SBR track there "
            "(see the chapter 'Reproducing on SHREC 2013 and 2014')")
    return load_benchmark(root, kind=dataset)
