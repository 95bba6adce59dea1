"""Make the demo file from the stages of :mod:`sbsr.train.experiment`.

The demo compares ``no_adaptation`` and ``full``. Both are trained through the
experiment's own stages and checkpoints under ``out_dir`` (the layout of
:func:`sbsr.train.experiment.train_variant`), so a demo made with the book's
``out_dir`` loads the networks the book trained instead of training them again,
and an interrupted run resumes.
"""

from __future__ import annotations

from pathlib import Path

from sbsr.demo.model import save_demo_model
from sbsr.train.config import TrainConfig


def train_demo_model(benchmark_root: str | Path, path: str | Path, config: TrainConfig,
                     progress: bool = True, out_dir: str | Path | None = None) -> Path:
    """Train (or load) ``no_adaptation`` and ``full`` on the benchmark at ``benchmark_root``; write ``path``.

    ``out_dir`` holds the stage checkpoints (default: ``<path stem>-training``
    beside ``path``).
    """
    from sbsr.train import experiment, stages

    path = Path(path)
    out_dir = Path(out_dir) if out_dir is not None else path.parent / f"{path.stem}-training"
    config = experiment.variant_config(config, "full")
    data = experiment.load_data(benchmark_root, config, progress)
    experiment.train_variant(data, config, out_dir, progress=progress)  # every stage of `full`, cached

    cache, seed = out_dir / "cache", config.seed
    sketch_cnn = experiment.backbone_encoder(data, config, cache, "sketch", progress)
    features = experiment.backbone_features(data, config, cache, progress)
    sketch_net, shape_net, _ = experiment.metric_nets(features, data, config, cache, progress)
    transform, _, _ = stages.train_spal(
        sketch_net, features["sketch_train"], data.sketch_train_labels, shape_net, features["shapes"],
        data.shape_labels, config.spal, config.metric, seed,
        experiment.run_options(config, experiment.variant_folder(data, config, out_dir) / "spal.pt", progress))
    shape_emb = stages.embed(shape_net, features["shapes"])  # T leaves the shape side as it was
    save_demo_model(
        path, config=config.to_dict(), benchmark_root=benchmark_root, sketch_cnn=sketch_cnn.cpu(),
        variants={"no_adaptation": (sketch_net.cpu(), None, shape_emb),
                  "full": (sketch_net.cpu(), transform.cpu(), shape_emb)},
    )
    return path
