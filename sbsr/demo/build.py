"""Train the two variants the demo compares and write them to one demo file.

The stages are those of :mod:`sbsr.train.experiment`, run once: both
backbones, the two metric nets (``no_adaptation`` stops here), then T with
SPAL (``full``). Each stage checkpoints under ``<file stem>-training/``
beside the demo file, so an interrupted run resumes and a finished one is
not trained again.
"""

from __future__ import annotations

from pathlib import Path

from sbsr.demo.model import save_demo_model
from sbsr.train.config import TrainConfig


def train_demo_model(benchmark_root: str | Path, path: str | Path, config: TrainConfig,
                     progress: bool = True) -> Path:
    """Train ``no_adaptation`` and ``full`` on the benchmark at ``benchmark_root``; write ``path``."""
    from sbsr.data.datasets import load_sketches
    from sbsr.data.render import load_views
    from sbsr.data.shrec import load_benchmark
    from sbsr.runtime import seed_everything
    from sbsr.train import experiment, stages

    path = Path(path)
    bench = load_benchmark(benchmark_root)
    data = experiment.Data(
        load_sketches(bench, "train", config.sketch.image_size), bench.train.labels,
        load_sketches(bench, "test", config.sketch.image_size), bench.test.labels,
        load_views(bench, config.shape.image_size, progress=progress, mmap=True), bench.models.labels,
    )
    work, seed = path.parent / f"{path.stem}-training", config.seed
    seed_everything(seed)

    def opts(stage: str) -> stages.RunOptions:
        return experiment.run_options(config, work / f"{stage}.pt", progress)

    sketch_cnn, _ = stages.train_backbone("sketch", data.sketch_train, data.sketch_train_labels,
                                          config.sketch, seed, opts("sketch_backbone"))
    shape_cnn, _ = stages.train_backbone("shape", data.shape_views, data.shape_labels,
                                         config.shape, seed, opts("shape_backbone"))
    device = opts("features").device
    features = {
        "sketch_train": stages.extract_features(sketch_cnn, data.sketch_train, config.feature_batch_size,
                                                device, config.amp),
        "shapes": stages.extract_features(shape_cnn, data.shape_views, config.feature_batch_size,
                                          device, config.amp),
    }
    sketch_net, shape_net = experiment.metric_nets(features, data, config, work, progress)
    transform, _, _ = stages.train_spal(
        sketch_net, features["sketch_train"], data.sketch_train_labels, shape_net, features["shapes"],
        data.shape_labels, config.spal, config.metric, seed, opts("spal"))
    shape_emb = stages.embed(shape_net, features["shapes"])  # T leaves the shape side as it was
    save_demo_model(
        path, config=config.to_dict(), benchmark_root=bench.root, sketch_cnn=sketch_cnn.cpu(),
        variants={"no_adaptation": (sketch_net.cpu(), None, shape_emb),
                  "full": (sketch_net.cpu(), transform.cpu(), shape_emb)},
    )
    return path
