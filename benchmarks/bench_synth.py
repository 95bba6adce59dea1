"""SynthSBR generation speed: meshes + sketches written per second.

The writer (:func:`sbsr.data.synthetic.write_benchmark`, ``workers=2``)
against itself with one worker, on the same benchmark in the same run; and
the sketch pipeline on one core with the per-class instances reused (as the
writer does) against drawing every sketch from a freshly built instance.
Full: the default benchmark (90 classes, 1,258 meshes, 7,200 sketches at
256 px); quick: the first 10 classes at the default sizes.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import numpy as np

from sbsr.data import shapes
from sbsr.data import synthetic as synth
from sbsr.data.sketch import edge_set, sample_view, sketch


def timed_write(root: Path, workers: int, **kwargs) -> tuple[float, int]:
    start = time.perf_counter()
    synth.write_benchmark(root, workers=workers, progress=False, **kwargs)
    seconds = time.perf_counter() - start
    items = sum(1 for p in root.rglob("*") if p.suffix in (".off", ".png"))
    return seconds, items


def sketch_rates(num_classes: int, per_class: int) -> tuple[float, float]:
    """Sketches per second on one core: instances reused vs a fresh instance per sketch."""
    config = synth.SynthConfig(num_classes=num_classes)
    names = shapes.class_names(num_classes)
    start = time.perf_counter()
    for name in names:
        instances = [edge_set(m) for m in synth.sketch_instances(config, name)]
        for item in range(per_class):
            synth.class_sketch(config, name, item, instances)
    reused = num_classes * per_class / (time.perf_counter() - start)
    start = time.perf_counter()
    for name in names:
        for item in range(per_class):
            rng = np.random.default_rng(item)
            mesh = shapes.make_shape(name, rng, rotate=False)
            sketch(mesh, sample_view(rng), rng, config.sketch, config.image_size)
    fresh = num_classes * per_class / (time.perf_counter() - start)
    return reused, fresh


def run(quick: bool) -> list[dict]:
    size = dict(num_classes=10) if quick else {}
    label = "10 classes, 80 sketches/class" if quick else "default: 90 classes, 1,258 meshes, 7,200 sketches"
    with tempfile.TemporaryDirectory() as tmp:
        two_s, items = timed_write(Path(tmp) / "two", 2, **size)
        one_s, _ = timed_write(Path(tmp) / "one", 1, **size)
    reused, fresh = sketch_rates(5 if quick else 20, 10 if quick else 20)
    return [
        {
            "name": f"SynthSBR write ({label}), 2 workers",
            "value": items / two_s,
            "unit": "files/s",
            "baseline": "same, 1 worker",
            "baseline_value": items / one_s,
            "higher_is_better": True,
            "target": "default benchmark incl. rendering well under 3 min on 2 cores",
        },
        {
            "name": f"SynthSBR write time ({label}), 2 workers",
            "value": two_s,
            "unit": "s",
            "baseline": "same, 1 worker",
            "baseline_value": one_s,
            "higher_is_better": False,
            "target": "< 180 s for the default benchmark incl. rendering",
        },
        {
            "name": "sketches per second, one core (instances reused)",
            "value": reused,
            "unit": "sketches/s",
            "baseline": "fresh instance per sketch",
            "baseline_value": fresh,
            "higher_is_better": True,
            "target": "> 100 sketches/s per core",
        },
    ]
