"""SHREC 2013 / 2014 sketch-based retrieval benchmarks on disk: ``.cla`` files, layouts, checks.

A benchmark is a folder in one of three layouts (``kind``):

``"shrec13"`` (and ``"synth"``, SynthSBR, which adds ``synthsbr.json`` at the root)::

    SHREC2013_Sketch_Evaluation/SHREC13_SBR_Model.cla
    SHREC2013_Sketch_Evaluation/SHREC13_SBR_Sketch_Train.cla
    SHREC2013_Sketch_Evaluation/SHREC13_SBR_Sketch_Test.cla
    SHREC13_SBR_TARGET_MODELS/models/m<id>.off
    SHREC13_SBR_TRAINING_SKETCHES/SHREC13_SBR_TRAINING_SKETCHES/<class>/train/<id>.png
    SHREC13_SBR_TESTING_SKETCHES/<class>/test/<id>.png

``"shrec14"``::

    SHREC14_Sketch_Evaluation/SHREC14_SBR_Model.cla
    SHREC14_Sketch_Evaluation/SHREC14_SBR_Sketch_Train.cla
    SHREC14_Sketch_Evaluation/SHREC14_SBR_Sketch_Test.cla
    SHREC14LSSTB_TARGET_MODELS/M<id>.off
    SHREC14LSSTB_SKETCHES/SHREC14LSSTB_SKETCHES/<class>/{train,test}/<id>.png

The evaluation folder may also be ``SHREC14_Sketch_Evaluation_CVIU/``; a model's
``<id>`` has 6 digits (``M000003.off``).

The SHREC'14 model ``.cla`` name is documented; the names of the two SHREC'14
sketch split files are our assumption (no source we read names them). If your
copy names them differently, rename them to the two names above.

Class membership comes from ``.cla`` files (PSB format): ``PSB 1``, then
``numClasses numItems``, then per class ``name parent count`` followed by
``count`` ids, one per line.
"""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from sbsr.io import write_text

KINDS = ("synth", "shrec13", "shrec14")
SPLITS = ("train", "test")


@dataclass(frozen=True)
class Layout:
    """Where the files of one benchmark kind live, relative to its root."""

    eval_dirs: tuple[str, ...]  # the first one that exists holds the .cla files
    cla: dict  # part ("models", "train", "test") -> .cla file name
    model: str  # format string with {id}
    sketch: dict  # split -> format string with {cls} and {id}


SHREC13 = Layout(
    eval_dirs=("SHREC2013_Sketch_Evaluation",),
    cla={
        "models": "SHREC13_SBR_Model.cla",
        "train": "SHREC13_SBR_Sketch_Train.cla",
        "test": "SHREC13_SBR_Sketch_Test.cla",
    },
    model="SHREC13_SBR_TARGET_MODELS/models/m{id}.off",
    sketch={
        "train": "SHREC13_SBR_TRAINING_SKETCHES/SHREC13_SBR_TRAINING_SKETCHES/{cls}/train/{id}.png",
        "test": "SHREC13_SBR_TESTING_SKETCHES/{cls}/test/{id}.png",
    },
)
SHREC14 = Layout(
    eval_dirs=("SHREC14_Sketch_Evaluation", "SHREC14_Sketch_Evaluation_CVIU"),
    cla={
        "models": "SHREC14_SBR_Model.cla",
        "train": "SHREC14_SBR_Sketch_Train.cla",
        "test": "SHREC14_SBR_Sketch_Test.cla",
    },
    model="SHREC14LSSTB_TARGET_MODELS/M{id}.off",
    sketch={
        "train": "SHREC14LSSTB_SKETCHES/SHREC14LSSTB_SKETCHES/{cls}/train/{id}.png",
        "test": "SHREC14LSSTB_SKETCHES/SHREC14LSSTB_SKETCHES/{cls}/test/{id}.png",
    },
)
LAYOUTS = {"synth": SHREC13, "shrec13": SHREC13, "shrec14": SHREC14}
SYNTH_MARKER = "synthsbr.json"


# --------------------------------------------------------------------------- .cla files


def read_cla(path: str | os.PathLike) -> dict[str, list[str]]:
    """Read a PSB ``.cla`` file: ordered ``{class name: [ids as strings]}``.

    Checks the ``PSB 1`` header, that ``numClasses numItems`` matches the
    lists, that each class's ``count`` matches its ids, and that no id or
    class appears twice. Errors are :class:`ValueError` naming ``file:line``.
    Whitespace (spaces, tabs, CRLF, blank lines) is free, as in the real files.
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError as err:
        raise ValueError(f"{path}: not a text .cla file ({err})") from None
    if not lines or lines[0].split() != ["PSB", "1"]:
        first = lines[0] if lines else ""
        raise ValueError(f"{path}:1: expected the header 'PSB 1', found {first!r}")
    counts = lines[1].split() if len(lines) > 1 else []
    if len(counts) != 2 or not all(c.isdigit() for c in counts):
        raise ValueError(f"{path}:2: expected 'numClasses numItems', found {' '.join(counts)!r}")
    num_classes, num_items = map(int, counts)

    classes: dict[str, list[str]] = {}
    declared: dict[str, tuple[int, int]] = {}  # class -> (count, line number)
    seen: dict[str, int] = {}  # id -> line number
    current = None
    for lineno, line in enumerate(lines[2:], start=3):
        tokens = line.split()
        if not tokens:
            continue
        if len(tokens) == 3:
            name, _parent, count = tokens
            if not count.isdigit():
                raise ValueError(f"{path}:{lineno}: class {name!r}: count {count!r} is not an integer")
            if name in classes:
                raise ValueError(f"{path}:{lineno}: class {name!r} appears twice")
            classes[name], declared[name], current = [], (int(count), lineno), name
        elif len(tokens) == 1:
            if current is None:
                raise ValueError(f"{path}:{lineno}: id {tokens[0]!r} before any class header")
            if tokens[0] in seen:
                raise ValueError(
                    f"{path}:{lineno}: id {tokens[0]!r} already listed on line {seen[tokens[0]]}"
                )
            seen[tokens[0]] = lineno
            classes[current].append(tokens[0])
        else:
            raise ValueError(
                f"{path}:{lineno}: expected 'name parent count' or one id, found {line.strip()!r}"
            )
    for name, (count, lineno) in declared.items():
        if len(classes[name]) != count:
            raise ValueError(
                f"{path}:{lineno}: class {name!r} declares {count} ids but lists {len(classes[name])}"
            )
    if len(classes) != num_classes:
        raise ValueError(f"{path}:2: header says {num_classes} classes, the file lists {len(classes)}")
    if len(seen) != num_items:
        raise ValueError(f"{path}:2: header says {num_items} ids, the file lists {len(seen)}")
    return classes


def write_cla(path: str | os.PathLike, mapping: dict[str, list[str]]) -> None:
    """Write ``{class: [ids]}`` as a PSB ``.cla`` file (atomically); the inverse of :func:`read_cla`.

    Every class gets parent ``0``, as in the SHREC files.
    """
    path = Path(path)
    out = ["PSB 1", f"{len(mapping)} {sum(len(ids) for ids in mapping.values())}", ""]
    for name, ids in mapping.items():
        if not name or len(str(name).split()) != 1:
            raise ValueError(f"{path}: class name {name!r} must be one word")
        bad = [i for i in ids if not str(i) or len(str(i).split()) != 1]
        if bad:
            raise ValueError(f"{path}: class {name!r}: ids must be one word, got {bad[0]!r}")
        out += [f"{name} 0 {len(ids)}", *map(str, ids), ""]
    write_text(path, "\n".join(out) + "\n")


# --------------------------------------------------------------------------- benchmarks


@dataclass
class Items:
    """One part of a benchmark (target models, train sketches or test sketches), in ``.cla`` order."""

    ids: list[str]
    labels: np.ndarray  # int64, index into Benchmark.classes
    paths: list[Path]

    def __len__(self) -> int:
        return len(self.ids)


@dataclass
class Benchmark:
    """A benchmark on disk: classes (in model ``.cla`` order) and three :class:`Items`.

    ``cache_dir`` is where rendered views and stacked arrays go
    (``<root>/cache`` unless given).
    """

    root: Path
    kind: str
    classes: list[str]
    models: Items
    train: Items
    test: Items
    cache_dir: Path

    def part(self, name: str) -> Items:
        """``"models"``, ``"train"`` or ``"test"``."""
        if name not in ("models", *SPLITS):
            raise ValueError(f"part {name!r}: expected 'models', 'train' or 'test'")
        return getattr(self, name)


def detect_kind(root: str | os.PathLike) -> str:
    """``"synth"``, ``"shrec13"`` or ``"shrec14"`` from the folders under ``root``."""
    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(f"{root}: no such benchmark folder")
    if (root / SHREC13.eval_dirs[0]).is_dir():
        return "synth" if (root / SYNTH_MARKER).is_file() else "shrec13"
    if any((root / d).is_dir() for d in SHREC14.eval_dirs):
        return "shrec14"
    wanted = ", ".join((*SHREC13.eval_dirs, *SHREC14.eval_dirs))
    raise ValueError(f"{root}: not a benchmark folder (expected one of {wanted} in it)")


def cla_paths(root: str | os.PathLike, kind: str) -> dict[str, Path]:
    """``{"models" | "train" | "test": path of its .cla file}`` for a benchmark of ``kind``."""
    if kind not in LAYOUTS:
        raise ValueError(f"kind={kind!r}: expected one of {', '.join(KINDS)}")
    root, layout = Path(root), LAYOUTS[kind]
    eval_dir = next((root / d for d in layout.eval_dirs if (root / d).is_dir()), None)
    if eval_dir is None:
        raise FileNotFoundError(f"{root}: no {' or '.join(layout.eval_dirs)} folder")
    return {part: eval_dir / name for part, name in layout.cla.items()}


def _read_part(path: Path) -> dict[str, list[str]]:
    if not path.is_file():
        found = sorted(p.name for p in path.parent.glob("*.cla"))
        raise FileNotFoundError(f"{path}: missing (.cla files there: {', '.join(found) or 'none'})")
    return read_cla(path)


def load_benchmark(
    root: str | os.PathLike, kind: str = "auto", cache_dir: str | os.PathLike | None = None
) -> Benchmark:
    """Read the ``.cla`` files of the benchmark at ``root`` (files themselves are not opened).

    Labels index the classes of the model ``.cla``; a sketch class without
    target models is an error. Use :func:`check` to validate the files.
    """
    root = Path(root)
    kind = detect_kind(root) if kind == "auto" else kind
    layout, paths = LAYOUTS[kind], cla_paths(root, kind)
    clas = {part: _read_part(path) for part, path in paths.items()}
    classes = list(clas["models"])
    index = {name: i for i, name in enumerate(classes)}

    def items(part: str, template: str, split: str | None = None) -> Items:
        ids, labels, files = [], [], []
        for name, members in clas[part].items():
            if name not in index:
                raise ValueError(f"{paths[part]}: class {name!r} has no target models in {paths['models']}")
            for id_ in members:
                ids.append(id_)
                labels.append(index[name])
                files.append(root / template.format(id=id_, cls=name))
        return Items(ids, np.asarray(labels, dtype=np.int64), files)

    return Benchmark(
        root=root,
        kind=kind,
        classes=classes,
        models=items("models", layout.model),
        train=items("train", layout.sketch["train"]),
        test=items("test", layout.sketch["test"]),
        cache_dir=Path(cache_dir) if cache_dir is not None else root / "cache",
    )


def describe(bench: Benchmark) -> dict:
    """Counts: classes, models, train and test sketches, and the same per class."""
    per_class = {
        name: {part: int((bench.part(part).labels == i).sum()) for part in ("models", *SPLITS)}
        for i, name in enumerate(bench.classes)
    }
    return {
        "root": str(bench.root),
        "kind": bench.kind,
        "classes": len(bench.classes),
        "models": len(bench.models),
        "train_sketches": len(bench.train),
        "test_sketches": len(bench.test),
        "per_class": per_class,
    }


# --------------------------------------------------------------------------- validation


def png_problem(path: Path) -> str | None:
    """Why the PNG at ``path`` cannot be used, or ``None`` when it decodes completely."""
    from PIL import Image

    try:
        with Image.open(path) as image:
            image.verify()
        with Image.open(path) as image:  # verify() leaves the image unusable; decode for real
            image.load()
            if image.width == 0 or image.height == 0:
                return f"{path}: empty image"
    except Exception as err:  # PIL raises OSError, SyntaxError, ValueError, ...
        return f"{path}: unreadable or corrupt PNG ({type(err).__name__}: {err})"
    return None


def _file_problem(item: tuple[Path, str]) -> str | None:
    """Why a listed ``.off`` or ``.png`` file cannot be used, or ``None``."""
    from sbsr.data.mesh import MeshError, load_mesh

    path, suffix = item
    if not path.is_file():
        return f"{path}: listed in the .cla files but missing"
    if suffix == "png":
        return png_problem(path)
    try:
        load_mesh(path)
    except MeshError as err:
        return str(err)
    return None


def check(root: str | os.PathLike, workers: int = 1, progress: bool = False) -> list[str]:
    """Every problem found in the benchmark at ``root``, one message each (empty: all good).

    Looks for: an unknown layout; a missing or malformed ``.cla`` (header,
    counts, duplicates); a class with no models; a sketch class with no
    target models; a sketch listed in both splits; a listed file missing on
    disk; a corrupt or truncated PNG; an unreadable or empty ``.off``, NaN
    vertices, or a mesh whose faces all have zero area. ``workers > 1``
    opens the files in that many processes (the order of messages is the same).
    """
    import multiprocessing

    from tqdm import tqdm

    root = Path(root)
    try:
        kind = detect_kind(root)
        paths = cla_paths(root, kind)
    except (OSError, ValueError) as err:
        return [str(err)]
    layout, problems, clas = LAYOUTS[kind], [], {}
    for part, path in paths.items():
        try:
            clas[part] = _read_part(path)
        except (OSError, ValueError) as err:
            problems.append(str(err))

    models = clas.get("models")
    if models is not None:
        for name, ids in models.items():
            if not ids:
                problems.append(f"{paths['models']}: class {name!r} has no models")
    for split in SPLITS:
        for name, ids in clas.get(split, {}).items():
            if models is not None and not models.get(name):
                problems.append(
                    f"{paths[split]}: sketch class {name!r} ({len(ids)} sketches) has no target models"
                )
    if "train" in clas and "test" in clas:
        train_ids = {i for ids in clas["train"].values() for i in ids}
        both = [i for ids in clas["test"].values() for i in ids if i in train_ids]
        if both:
            problems.append(f"{len(both)} sketch ids are in both train and test (first: {both[0]!r})")

    files = [(root / layout.model.format(id=i), "off") for ids in (models or {}).values() for i in ids]
    for split in SPLITS:
        files += [
            (root / layout.sketch[split].format(cls=name, id=i), "png")
            for name, ids in clas.get(split, {}).items()
            for i in ids
        ]
    bar = functools.partial(tqdm, total=len(files), desc="check", unit="file", disable=not progress)
    if workers > 1 and len(files) > 1:
        with multiprocessing.get_context().Pool(min(workers, len(files))) as pool:
            found = list(bar(pool.imap(_file_problem, files, chunksize=16)))
    else:
        found = list(bar(map(_file_problem, files)))
    return problems + [problem for problem in found if problem]


def file_digest(path: str | os.PathLike) -> str:
    """SHA-256 of a file's bytes (hex): the content half of every cache key."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
