"""SynthSBR generation speed: meshes + sketches written per second.

The writer (:func:`sbsr.data.synthetic.write_benchmark`, ``workers=2``)
against itself with one worker, on the same benchmark in the same run.
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
        two_s, items = timed_write(Path(tmp) / "two", 2, **size)
        one_s, _ = timed_write(Path(tmp) / "one", 1, **size)
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
    ]
