"""SynthSBR: a procedural sketch-based retrieval benchmark in the SHREC 2013 layout.

:func:`write_benchmark` writes, under ``out_dir``::

    SHREC13_SBR_TARGET_MODELS/models/m<id>.off
    SHREC13_SBR_TRAINING_SKETCHES/SHREC13_SBR_TRAINING_SKETCHES/<class>/train/<id>.png
    SHREC13_SBR_TESTING_SKETCHES/<class>/test/<id>.png
    SHREC2013_Sketch_Evaluation/SHREC13_SBR_{Model,Sketch_Train,Sketch_Test}.cla
    synthsbr.json

Target models are instances of :mod:`sbsr.data.shapes` classes, turned at
random about +Z. The number of models per class follows a seeded long tail
(by default 4 to 60, about 1,258 for 90 classes, as in SHREC 2013). Sketches
are drawn from *other* instances of the class (by default a fresh one per sketch,
never a target model), in their canonical pose, each with its own view and hand:
in the style people draw (``sketch_style="human"``, the default:
:mod:`sbsr.data.human_sketch`), or with the rough hand of the version-2
calibration (``"rough"``: :mod:`sbsr.data.sketch`).

Every item has its own random stream, ``SeedSequence(seed, spawn_key=(stream,
class index in the registry, item))``, so the files depend only on the
parameters, not on the number of workers or the order of work. Files are
written atomically; a rerun skips files that exist, so an interrupted run
resumes. The ``.cla`` files and ``synthsbr.json`` are written last: a tree
that has them is complete.
"""

from __future__ import annotations

import io
import json
import multiprocessing
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import trimesh
from tqdm import tqdm

from sbsr.data import shapes
from sbsr.data.shrec import SHREC13, SYNTH_MARKER, write_cla
from sbsr.data.human_sketch import HumanStyle, human_sketch
from sbsr.data.sketch import EdgeSet, SketchParams, edge_set, sample_view, sketch
from sbsr.io import make_once, write_bytes, write_json

#: Bumped whenever the same parameters would give different files.
GENERATOR_VERSION = 3
#: The ways sketches are drawn, ``"human"`` (:mod:`sbsr.data.human_sketch`) and ``"rough"``
#: (the hand of version 2's calibration, :func:`sbsr.data.sketch.distort`).
SKETCH_STYLES = ("human", "rough")

@dataclass(frozen=True)
class ClassSizes:
    """How many target models a class has: their mean, the least and the most, and the
    spread of the log-normal weights that share them out (a larger spread, a longer tail)."""

    mean: float
    least: int
    most: int
    spread: float


#: Class sizes like SHREC 2013's (1,258 models over 90 classes, 4 to 184 each; capped at
#: 60 here, so that no class dominates a CPU's budget) and like SHREC 2014's (8,987
#: models over 171 classes, from 1 to over 600 each).
CLASS_SIZES = {
    "shrec13": ClassSizes(1258 / 90, 4, 60, 1.1),
    "shrec14": ClassSizes(8987 / 171, 1, 600, 2.0),
}

GALLERY, INSTANCES, SKETCHES, PLAN = range(4)  # random streams
PROGRESS_FILE = ".synthsbr.in-progress.json"


@dataclass(frozen=True)
class SynthConfig:
    """Everything that determines a SynthSBR benchmark."""

    num_classes: int = 90
    seed: int = 0
    model_scale: float = 1.0  # scales the mean, minimum and maximum number of models per class
    class_sizes: str = "shrec13"  # models per class like SHREC 2013's or "shrec14" (CLASS_SIZES)
    train_sketches: int = 50  # per class
    test_sketches: int = 30  # per class
    image_size: int = 256
    instances_per_class: int = 80  # fresh meshes the sketches of one class are drawn from (80: one per sketch)
    deformation: float = 0.15
    sketch_style: str = "human"  # one of SKETCH_STYLES
    sketch: SketchParams = field(default_factory=SketchParams)  # the "rough" style's hand
    human: HumanStyle = field(default_factory=HumanStyle)  # the "human" style's ranges

    def __post_init__(self):
        if self.sketch_style not in SKETCH_STYLES:
            raise ValueError(f"sketch_style={self.sketch_style!r} is unknown; valid: {', '.join(SKETCH_STYLES)}")
        if not 1 <= self.num_classes <= shapes.MAX_CLASSES:
            raise ValueError(f"num_classes must be in 1..{shapes.MAX_CLASSES}, got {self.num_classes}")
        if self.model_scale <= 0:
            raise ValueError(f"model_scale must be positive, got {self.model_scale}")
        if self.class_sizes not in CLASS_SIZES:
            raise ValueError(f"class_sizes={self.class_sizes!r} is unknown; valid: {', '.join(CLASS_SIZES)}")
        if self.train_sketches < 0 or self.test_sketches < 0 or self.train_sketches + self.test_sketches == 0:
            raise ValueError(
                f"train_sketches and test_sketches must be >= 0 and not both 0, "
                f"got {self.train_sketches} and {self.test_sketches}"
            )
        if self.image_size < 16:
            raise ValueError(f"image_size must be at least 16 pixels, got {self.image_size}")
        if self.instances_per_class < 1:
            raise ValueError(f"instances_per_class must be at least 1, got {self.instances_per_class}")


def _rng(config: SynthConfig, stream: int, class_name: str, item: int = 0) -> np.random.Generator:
    index = list(shapes.CLASSES).index(class_name)
    return np.random.default_rng(np.random.SeedSequence(config.seed, spawn_key=(stream, index, item)))


def model_counts(num_classes: int, rng: np.random.Generator, scale: float = 1.0,
                 sizes: str = "shrec13") -> list[int]:
    """A long-tailed number of target models per class, summing to about
    ``mean * num_classes * scale`` of :data:`CLASS_SIZES` ``[sizes]`` (``scale`` also
    scales the least and the most, down to 1).

    Log-normal weights are filled up to the cap (water filling), so a few
    classes are large and most are small, as in SHREC.
    """
    if sizes not in CLASS_SIZES:
        raise ValueError(f"sizes={sizes!r} is unknown; valid: {', '.join(CLASS_SIZES)}")
    c = CLASS_SIZES[sizes]
    lo = max(1, round(c.least * scale))
    hi = max(lo, round(c.most * scale))
    total = int(np.clip(round(c.mean * num_classes * scale), lo * num_classes, hi * num_classes))
    weights = rng.lognormal(0.0, c.spread, num_classes)
    extra, cap = total - lo * num_classes, hi - lo
    low, high = 0.0, extra / weights.min() + 1.0  # find s with sum(min(cap, s * w)) = extra
    for _ in range(100):
        mid = (low + high) / 2
        low, high = (mid, high) if np.minimum(cap, mid * weights).sum() < extra else (low, mid)
    share = np.minimum(cap, high * weights)
    counts = np.floor(share).astype(int)
    order = np.argsort(-(share - counts), kind="stable")
    for i in order[: extra - counts.sum()]:
        counts[i] += 1
    return (lo + counts).tolist()


@dataclass(frozen=True)
class Plan:
    """Class names and ids of every file, in ``.cla`` order."""

    classes: list[str]
    models: dict[str, list[int]]
    train: dict[str, list[int]]
    test: dict[str, list[int]]


def make_plan(config: SynthConfig) -> Plan:
    """Which class has which model and sketch ids (ids are a seeded permutation, unique per kind)."""
    names = shapes.class_names(config.num_classes)
    rng = np.random.default_rng(np.random.SeedSequence(config.seed, spawn_key=(PLAN,)))
    counts = model_counts(config.num_classes, rng, config.model_scale, config.class_sizes)
    model_ids = rng.permutation(sum(counts)).tolist()
    per_class = config.train_sketches + config.test_sketches
    sketch_ids = (1 + rng.permutation(per_class * len(names))).tolist()
    models, train, test = {}, {}, {}
    start = 0
    for i, (name, n) in enumerate(zip(names, counts)):
        models[name] = model_ids[start : start + n]
        start += n
        ids = sketch_ids[i * per_class : (i + 1) * per_class]
        train[name], test[name] = ids[: config.train_sketches], ids[config.train_sketches :]
    return Plan(names, models, train, test)


def gallery_mesh(config: SynthConfig, class_name: str, item: int) -> trimesh.Trimesh:
    """Target model number ``item`` of a class: a random instance, turned at random about +Z."""
    rng = _rng(config, GALLERY, class_name, item)
    return shapes.make_shape(class_name, rng, rotate=True, deformation=config.deformation)


def sketch_instance(config: SynthConfig, class_name: str, k: int) -> trimesh.Trimesh:
    """Fresh mesh number ``k`` of a class (canonical pose, never a gallery mesh); sketch
    number ``item`` is drawn from instance ``item % config.instances_per_class``."""
    rng = _rng(config, INSTANCES, class_name, k)
    return shapes.make_shape(class_name, rng, rotate=False, deformation=config.deformation)


def class_sketch(config: SynthConfig, class_name: str, item: int, instance=None):
    """Sketch number ``item`` of a class (train items first, then test) as a PIL ``"L"`` image.

    ``instance`` (a mesh or :class:`~sbsr.data.sketch.EdgeSet`) is its sketch instance,
    when the caller has it already.
    """
    if instance is None:
        instance = sketch_instance(config, class_name, item % config.instances_per_class)
    mesh = instance.mesh if isinstance(instance, EdgeSet) else instance
    rng = _rng(config, SKETCHES, class_name, item)
    above = shapes.CLASSES[class_name].drawn_from_above
    if config.sketch_style == "human":
        return human_sketch(mesh, rng, config.human, above, config.image_size)
    extents = mesh.extents
    view = sample_view(rng, config.sketch.view_jitter, config.sketch.free_view_prob,
                       long_along_x=extents[0] >= 2 * extents[1], from_above=above)
    return sketch(instance, view, rng, config.sketch, config.image_size)


def off_bytes(mesh: trimesh.Trimesh) -> bytes:
    """A mesh as OFF text with fixed float formatting (6 decimals), so bytes depend only on the mesh."""
    buf = io.StringIO()
    buf.write(f"OFF\n{len(mesh.vertices)} {len(mesh.faces)} 0\n")
    np.savetxt(buf, np.asarray(mesh.vertices) + 0.0, fmt="%.6f")  # + 0.0 turns -0.0 into 0.0
    np.savetxt(buf, np.column_stack([np.full(len(mesh.faces), 3), mesh.faces]), fmt="%d")
    return buf.getvalue().encode("ascii")


def png_bytes(image) -> bytes:
    """PNG with fixed compression settings and no metadata: same pixels, same bytes."""
    buf = io.BytesIO()
    image.save(buf, format="PNG", compress_level=6, optimize=False)
    return buf.getvalue()


def _write_class(task) -> int:
    """Write the missing files of one class; returns how many files it wrote."""
    out_dir, config, name, model_ids, sketch_ids = task
    written = 0
    for item, mid in enumerate(model_ids):
        path = out_dir / SHREC13.model.format(id=mid)
        if not path.exists():
            write_bytes(path, off_bytes(gallery_mesh(config, name, item)))
            written += 1
    paths = [out_dir / SHREC13.sketch[split].format(cls=name, id=sid) for split, sid in sketch_ids]
    missing = [(item, path) for item, path in enumerate(paths) if not path.exists()]
    # one instance (and its ray-casting scene) alive at a time: with 80 of them at once,
    # embree crashed the process when torch was loaded in it
    n = config.instances_per_class
    for k in sorted({item % n for item, _ in missing}):
        instance = sketch_instance(config, name, k)
        if config.sketch_style == "rough":  # its edges serve every sketch of the instance
            instance = edge_set(instance)
        for item, path in missing:
            if item % n == k:
                write_bytes(path, png_bytes(class_sketch(config, name, item, instance)))
                written += 1
    return written


def _remove_strays(out_dir: Path, plan: Plan) -> None:
    """Delete the temporary files of writes that were killed half-way (only in the folders we write)."""
    folders = {out_dir, out_dir / SHREC13.eval_dirs[0], (out_dir / SHREC13.model.format(id=0)).parent}
    for split in ("train", "test"):
        folders |= {(out_dir / SHREC13.sketch[split].format(cls=name, id=0)).parent for name in plan.classes}
    for folder in sorted(folders):
        for stray in folder.glob(".*.tmp"):
            stray.unlink()


def _settings(config: SynthConfig) -> dict:
    """The parameters as JSON would read them back (tuples become lists)."""
    return json.loads(json.dumps({"generator": "SynthSBR", "version": GENERATOR_VERSION, **asdict(config)}))


def _read_settings(path: Path) -> dict:
    data = json.loads(path.read_text())
    return {key: data.get(key) for key in _settings(SynthConfig())}


def write_benchmark(
    out_dir,
    num_classes: int = 90,
    seed: int = 0,
    *,
    model_scale: float = 1.0,
    class_sizes: str = "shrec13",
    train_sketches: int = 50,
    test_sketches: int = 30,
    image_size: int = 256,
    instances_per_class: int = 80,
    deformation: float = 0.15,
    sketch_style: str = "human",
    sketch_params: SketchParams | None = None,
    human_style: HumanStyle | None = None,
    workers: int = 2,
    progress: bool = True,
) -> Path:
    """Write (or finish writing) a SynthSBR benchmark under ``out_dir``; returns ``out_dir``.

    The same parameters give byte-identical files. A folder started with
    other parameters is refused (ValueError) rather than mixed. A complete
    folder is only read, so several processes may ask for it at once.
    """
    config = SynthConfig(
        num_classes=num_classes,
        seed=seed,
        model_scale=model_scale,
        class_sizes=class_sizes,
        train_sketches=train_sketches,
        test_sketches=test_sketches,
        image_size=image_size,
        instances_per_class=instances_per_class,
        deformation=deformation,
        sketch_style=sketch_style,
        sketch=sketch_params or SketchParams(),
        human=human_style or HumanStyle(),
    )
    if workers < 1:
        raise ValueError(f"workers must be at least 1, got {workers}")
    out_dir = Path(out_dir)
    settings = _settings(config)
    for marker in (out_dir / SYNTH_MARKER, out_dir / PROGRESS_FILE):
        if marker.is_file():
            found = _read_settings(marker)
            if found != settings:
                differ = sorted(k for k in settings if found.get(k) != settings[k])
                raise ValueError(
                    f"{marker}: this folder holds a SynthSBR benchmark with other parameters ({', '.join(differ)} "
                    f"differ; generator version {found.get('version')}, this one writes {GENERATOR_VERSION}): "
                    "use another out_dir, or delete the folder to write this one there"
                )
    # a second process waits for the first one's writing
    make_once(out_dir / PROGRESS_FILE, lambda: _write(out_dir, config, settings, workers, progress),
              done=lambda: _complete(out_dir))
    return out_dir


def _complete(out_dir: Path) -> bool:
    """Whether the benchmark is whole (the marker is written last): read-only from then on."""
    return (out_dir / SYNTH_MARKER).is_file() and not (out_dir / PROGRESS_FILE).exists()


def _write(out_dir: Path, config: SynthConfig, settings: dict, workers: int, progress: bool) -> None:
    """Write every file of the benchmark that is missing, then the marker."""
    plan = make_plan(config)
    write_json(out_dir / PROGRESS_FILE, settings)
    _remove_strays(out_dir, plan)
    tasks = [
        (
            out_dir,
            config,
            name,
            plan.models[name],
            [("train", i) for i in plan.train[name]] + [("test", i) for i in plan.test[name]],
        )
        for name in plan.classes
    ]
    bar = tqdm(total=len(tasks), desc="SynthSBR classes", disable=not progress)
    if workers == 1:
        for task in tasks:
            _write_class(task)
            bar.update()
    else:
        with multiprocessing.get_context("spawn").Pool(workers) as pool:
            for _ in pool.imap_unordered(_write_class, tasks):
                bar.update()
    bar.close()
    eval_dir = out_dir / SHREC13.eval_dirs[0]
    for part, mapping in (("models", plan.models), ("train", plan.train), ("test", plan.test)):
        write_cla(
            eval_dir / SHREC13.cla[part], {name: [str(i) for i in ids] for name, ids in mapping.items()}
        )
    summary = dict(
        settings,
        classes=[
            {"name": name, "family": shapes.CLASSES[name].family, "models": len(plan.models[name])}
            for name in plan.classes
        ],
    )
    summary["counts"] = {
        "classes": len(plan.classes),
        "models": sum(len(v) for v in plan.models.values()),
        "train_sketches": sum(len(v) for v in plan.train.values()),
        "test_sketches": sum(len(v) for v in plan.test.values()),
    }
    summary["up_axis"] = "+Z"
    write_json(out_dir / SYNTH_MARKER, summary)
    (out_dir / PROGRESS_FILE).unlink()
