"""Training speed on the CPU: samples per second of each stage, and the quick experiment.

Inputs are random uint8 arrays at the default sizes (64 px sketches, 12 views
per shape): speed does not depend on what the images show. Baselines, each
measured in the same run:

* backbone stages (a): the same stage with ``channels_last=False`` (plain
  contiguous fp32 eager), against our default channels-last layout;
* metric stage (c): training the same metric net end to end through the
  frozen sketch CNN on images, i.e. without the feature cache of stage (b);
* the metric stage with one CPU thread (``TrainConfig.cpu_threads``, our
  default) against torch's default thread count;
* the quick experiment (all six variants, one seed, 10 classes, 64 px) on
  one worker process per core (``workers=0``) against one worker; one worker
  has no baseline, its target is under a minute.

Everything else runs with the default ``cpu_threads``.

Timings on a shared 2-core machine are noisy.
"""

from __future__ import annotations

import tempfile
import time

import numpy as np
import torch

from sbsr.metrics import evaluate
from sbsr.train import parallel, stages
from sbsr.train.config import BackboneConfig, preset
from sbsr.train.experiment import Data, run_ablations


def random_data(classes: int, sketches: int, tests: int, shapes: int, size: int = 64, views: int = 12) -> Data:
    rng = np.random.default_rng(0)
    images = lambda *shape: rng.integers(0, 256, shape, dtype=np.uint8)  # noqa: E731
    return Data(images(sketches, size, size), np.arange(sketches) % classes,
                images(tests, size, size), np.arange(tests) % classes,
                images(shapes, views, size, size), np.arange(shapes) % classes)


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def backbone_rate(modality, data, cfg: BackboneConfig, channels_last: bool) -> float:
    images, labels = ((data.sketch_train, data.sketch_train_labels) if modality == "sketch"
                      else (data.shape_views, data.shape_labels))
    opts = stages.RunOptions(channels_last=channels_last, progress=False)
    warm_up = cfg.__class__(**{**cfg.__dict__, "steps": 1})
    stages.train_backbone(modality, images, labels, warm_up, 0, opts)
    seconds = timed(lambda: stages.train_backbone(modality, images, labels, cfg, 0, opts))
    per_sample = 1 if modality == "sketch" else images.shape[1]
    return cfg.steps * cfg.batch_size * per_sample / seconds


def metric_rates(data, steps: int) -> tuple[float, float]:
    """Samples/s of the metric stage on cached features, and end to end through the CNN."""
    config = preset("default")
    cnn = stages.build_encoder(config.sketch, "sketch").eval()
    features = stages.extract_features(cnn, data.sketch_train, 256, torch.device("cpu"))
    metric = config.metric.__class__(**{**config.metric.__dict__, "steps": steps})
    batch = metric.classes_per_batch * metric.samples_per_class
    cached = timed(lambda: stages.train_metric_net("m", features, data.sketch_train_labels, metric, 0,
                                                   stages.RunOptions(progress=False)))

    # the same stage, recomputing the CNN features of each batch (no feature cache)
    net = stages.MetricNet(cnn.out_features, metric.hidden, metric.out_features)
    optimizer = torch.optim.Adam(net.parameters(), metric.lr)
    labels = torch.as_tensor(data.sketch_train_labels)
    index, classes = stages.class_index(labels), sorted(stages.class_index(labels))
    generator = torch.Generator().manual_seed(0)

    def end_to_end():
        for _ in range(steps):
            b = stages.sample_pk(index, stages.sample_classes(classes, metric.classes_per_batch, generator),
                                 metric.samples_per_class, generator)
            with torch.no_grad():
                x = cnn(stages.images_to_float(data.sketch_train[b.numpy()], True).unsqueeze(1))
            loss = stages.iaml_loss(net(x), labels[b], margin=metric.margin)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()

    return steps * batch / cached, steps * batch / timed(end_to_end)


def run(quick: bool) -> list[dict]:
    default_threads = torch.get_num_threads()
    with stages.cpu_threads(preset("default").cpu_threads):
        rows = _rows(quick)
    # the metric stage again with torch's default thread count (all cores)
    data, steps = random_data(90, 512, 90, 90), 10 if quick else 100
    with stages.cpu_threads(1):
        one, _ = metric_rates(data, steps)
    with stages.cpu_threads(default_threads):
        many, _ = metric_rates(data, steps)
    rows.append({"name": "metric net training, cpu_threads=1 (our default)", "value": one, "unit": "samples/s",
                 "baseline": f"{default_threads} threads (torch default)", "baseline_value": many,
                 "higher_is_better": True, "target": "-"})
    return rows


def _rows(quick: bool) -> list[dict]:
    torch.manual_seed(0)
    data = random_data(90, 512 if quick else 4500, 90, 90 if quick else 1260)
    steps = 3 if quick else 20
    rows = []
    default = preset("default")
    for modality, cfg in (("sketch", default.sketch), ("shape", default.shape)):
        cfg = cfg.__class__(**{**cfg.__dict__, "steps": steps})
        fast = backbone_rate(modality, data, cfg, channels_last=True)
        plain = backbone_rate(modality, data, cfg, channels_last=False)
        rows.append({"name": f"{modality} backbone training (64 px)", "value": fast, "unit": "images/s",
                     "baseline": "contiguous fp32 eager", "baseline_value": plain,
                     "higher_is_better": True, "target": "default: all stages <= 10 min"})

    cached, end_to_end = metric_rates(data, 10 if quick else 200)
    rows.append({"name": "metric net training (stage c)", "value": cached, "unit": "samples/s",
                 "baseline": "through the sketch CNN, no feature cache", "baseline_value": end_to_end,
                 "higher_is_better": True, "target": "-"})

    small = random_data(10, 500, 300, 140)
    seconds = {}
    for workers in sorted({1, parallel.default_workers()}):
        with tempfile.TemporaryDirectory() as out:
            seconds[workers] = timed(lambda: run_ablations(small, preset("quick"), out, seeds=(0,), evaluate=evaluate,
                                                           progress=False, workers=workers))
    name = "quick experiment, 6 variants x 1 seed (10 classes, 64 px)"
    rows.append({"name": f"{name}, 1 worker", "value": seconds[1], "unit": "s", "baseline": None,
                 "baseline_value": None, "higher_is_better": False, "target": "< 60 s on 2 cores"})
    many = max(seconds)
    if many > 1:
        rows.append({"name": f"{name}, {many} workers", "value": seconds[many], "unit": "s",
                     "baseline": "same, 1 worker", "baseline_value": seconds[1], "higher_is_better": False,
                     "target": "faster than 1 worker"})
    return rows
