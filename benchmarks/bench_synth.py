"""SynthSBR generation speed: meshes + sketches written per second, on two workers.

The default benchmark, whose sketches are drawn as people draw
(``sketch_style="human"``, generator version 3), against the same benchmark
with version 2's rough sketches (``sketch_style="rough"``), in the same run.
Full: the default benchmark (90 classes, 1,258 meshes, 7,200 sketches at
256 px); quick: the first 10 classes at the default sizes.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from sbsr.data import synthetic as synth


def timed_write(root: Path, workers: int, **kwargs) -> tuple[float, int]:
    start = time.perf_counter()
    synth.write_benchmark(root, workers=workers, progress=False, **kwargs)
    seconds = time.perf_counter() - start
    items = sum(1 for p in root.rglob("*") if p.suffix in (".off", ".png"))
    return seconds, items


def run(quick: bool) -> list[dict]:
    size = dict(num_classes=10) if quick else {}
    label = "10 classes, 80 sketches/class" if quick else "default: 90 classes, 1,258 meshes, 7,200 sketches"
    with tempfile.TemporaryDirectory() as tmp:
        human_s, items = timed_write(Path(tmp) / "human", 2, **size)
        rough_s, _ = timed_write(Path(tmp) / "rough", 2, sketch_style="rough", **size)
    baseline = "version 2's rough sketches, 2 workers"
    return [
        {
            "name": f"SynthSBR write ({label}), human-style sketches, 2 workers",
            "value": items / human_s,
            "unit": "files/s",
            "baseline": baseline,
            "baseline_value": items / rough_s,
            "higher_is_better": True,
            "target": "-",
        },
        {
            "name": f"SynthSBR write time ({label}), human-style sketches, 2 workers",
            "value": human_s,
            "unit": "s",
            "baseline": baseline,
            "baseline_value": rough_s,
            "higher_is_better": False,
            "target": "< 180 s for the default benchmark",
        },
    ]
