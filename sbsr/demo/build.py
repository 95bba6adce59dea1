"""Make the demo file from the stages of :mod:`sbsr.train.experiment`.

The demo compares ``no_adaptation`` and ``full``. Both are trained through the
experiment's own stages and checkpoints under ``out_dir`` (the layout of
:func:`sbsr.train.experiment.train_variant`), so a demo made with the book's
``out_dir`` loads the networks the book trained instead of training them again,
and an interrupted run resumes.
"""

from __future__ import annotations

from pathlib import Path

import torch

from sbsr.demo.model import save_demo_model
from sbsr.train.config import TrainConfig


def train_demo_model(benchmark_root: str | Path, path: str | Path, config: TrainConfig,
                     progress: bool = True, out_dir: str | Path | None = None) -> Path:
    """Train (or load) ``no_adaptation`` and ``full`` on the benchmark at ``benchmark_root``; write ``path``.

    ``out_dir`` holds the stage checkpoints (default: ``<path stem>-training``
    beside ``path``).
    """
    from sbsr.train import experiment

    path = Path(path)
    out_dir = Path(out_dir) if out_dir is not None else path.parent / f"{path.stem}-training"
    data = experiment.load_data(benchmark_root, config, progress)
    variants = {}
    for name in ("no_adaptation", "full"):  # every stage cached under out_dir, as the experiments' are
        run = experiment.train_variant(data, config.replace(variant=name), out_dir, progress=progress)
        networks = run["networks"]  # the metric nets as this variant left them (SPAL may train them)
        variants[name] = (networks["sketch_net"], networks["transform"], torch.from_numpy(run["embeddings"]["shapes"]))
    sketch_cnn = experiment.backbone_encoder(data, config, out_dir / "cache", "sketch", progress)
    save_demo_model(path, config=config.replace(variant="full").to_dict(), benchmark_root=benchmark_root,
                    sketch_cnn=sketch_cnn.cpu(), variants=variants)
    return path
