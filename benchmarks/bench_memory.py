"""Page faults on the CPU: the stages keep the memory they free, and a feature pass holds
64 images (``TrainConfig.feature_batch_size``).

By default glibc maps each large block to fresh pages and soon gives freed memory back,
so every step faults its tensors in again. :func:`sbsr.runtime.keep_freed_memory` ends
that. The setting lasts for a process, so each figure is measured in a process of its own
(this file, run as a script), at the default sizes (64 px, 12 views per shape). Baselines,
each measured in the same run:

* sketch backbone training (a): the same steps with glibc's default allocator;
* the shapes' features (b): 256 shapes a pass (the behaviour before, when the setting
  counted shapes, not images) with glibc's default allocator.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measure(kept: bool, quick: bool) -> dict:
    """Images/s of sketch backbone training and shapes/s of feature extraction, one thread."""
    sys.path.insert(0, str(ROOT))
    import torch
    from bench_train import backbone_rate, random_data

    from sbsr.train import stages
    from sbsr.train.config import preset

    if not kept:
        stages.keep_freed_memory = lambda: False  # glibc's default allocator
    torch.set_num_threads(1)
    config = preset("default")
    data = random_data(90, 512 if quick else 4500, 90, 24 if quick else 300)
    # the sketches first: freeing the large blocks of a 256-shape pass raises glibc's own
    # threshold, and the baseline's steps would then fault less than a fresh process's
    sketch_rate = backbone_rate("sketch", data, dataclasses.replace(config.sketch, steps=3 if quick else 20),
                                channels_last=True)
    encoder = stages.build_encoder(config.shape, "shape").to(memory_format=torch.channels_last)
    per_pass = config.feature_batch_size if kept else 256 * data.shape_views.shape[1]
    stages.extract_features(encoder, data.shape_views[:2], per_pass, torch.device("cpu"))  # warm up
    start = time.perf_counter()
    stages.extract_features(encoder, data.shape_views, per_pass, torch.device("cpu"))
    shape_rate = len(data.shape_views) / (time.perf_counter() - start)
    return {"sketch": sketch_rate, "shape": shape_rate}


def in_own_process(kept: bool, quick: bool) -> dict:
    command = [sys.executable, __file__, "kept" if kept else "default"] + (["--quick"] if quick else [])
    return json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def run(quick: bool) -> list[dict]:
    ours, before = in_own_process(True, quick), in_own_process(False, quick)
    return [
        {"name": "sketch backbone training, memory kept", "value": ours["sketch"], "unit": "images/s",
         "baseline": "glibc's default allocator", "baseline_value": before["sketch"],
         "higher_is_better": True, "target": "faster"},
        {"name": "shape features, 64 images a pass, memory kept", "value": ours["shape"], "unit": "shapes/s",
         "baseline": "256 shapes a pass, glibc's default", "baseline_value": before["shape"],
         "higher_is_better": True, "target": "faster"},
    ]


if __name__ == "__main__":
    print(json.dumps(measure(sys.argv[1] == "kept", "--quick" in sys.argv)))
