"""Ablations from one entry point: train every variant for every seed, evaluate, tabulate.

Stages that variants share are trained once per seed and cached under
``out_dir/cache``: backbones and their features (keyed by the data and the
backbone configs), and the per-modality metric nets (keyed by that and the
metric config). A second run with the same settings only evaluates.

Variants (:data:`sbsr.train.config.VARIANTS`) change the config like this:

* ``no_adaptation``: no T; the sketch metric embedding is compared directly
  with the shape metric embedding;
* ``adversarial_only``: SPAL with ``cmd_weight = metric_weight = 0``;
* ``cmd_only``: SPAL with ``adversarial_weight = metric_weight = 0``;
* ``full``: SPAL as configured (adversarial + CMD + metric loss on T outputs);
* ``full_no_adversarial``: ``full`` without D (``adversarial_weight = 0``): what the
  adversarial term adds to CMD and the metric loss;
* ``full_no_cmd``: ``full`` without CMD (``cmd_weight = 0``): what CMD adds to the
  adversarial and metric terms;
* ``full_narrow_t``: ``full`` with T's hidden layers those of the public
  re-implementation (:data:`sbsr.train.config.NARROW_T`, 64-32-64);
* ``joint_triplet``: one joint embedding (``config.joint``) with a cross-modal
  triplet loss (batch-hard mining, whatever ``metric.mining`` says: the common baseline);
* ``joint_iaml``: the same joint embedding with the metric loss DCA uses
  (``metric.mining`` with its sharpness: IAML by default), to compare like with like;
* ``full_plain_triplet``: ``full`` with ``metric.mining = "batch_hard"`` in
  every stage (so its metric nets are trained, and cached, separately).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import weakref
from pathlib import Path
from typing import Callable, NamedTuple

import numpy as np
import torch

from sbsr.intervals import mean_interval, paired_difference
from sbsr.io import write_json
from sbsr.models import inverts_sketches, pretrained_weights
from sbsr.runtime import pick_device, seed_everything
from sbsr.tables import markdown_table
from sbsr.train import parallel, stages
from sbsr.train.checkpoint import read_history
from sbsr.train.config import NARROW_T, VARIANTS, TrainConfig

SHREC_COLUMNS = ("NN", "FT", "ST", "E", "DCG", "mAP")
#: The variants that train one joint embedding instead of two metric nets and T.
JOINT = ("joint_triplet", "joint_iaml")


class Data(NamedTuple):
    """Arrays of one benchmark: uint8 images and integer class labels."""

    sketch_train: np.ndarray  # (N, H, W)
    sketch_train_labels: np.ndarray  # (N,)
    sketch_test: np.ndarray  # (Q, H, W)
    sketch_test_labels: np.ndarray  # (Q,)
    shape_views: np.ndarray  # (M, V, H, W): the training shapes and the retrieval targets
    shape_labels: np.ndarray  # (M,)

    def __reduce__(self):
        """Pickled for worker processes with its memory maps as file names, not bytes."""
        return (_rebuild_data, tuple(parallel.shareable(array) for array in self))


def _rebuild_data(*items) -> Data:
    return Data(*(parallel.restore(item) for item in items))


def load_data(root: str | Path, config: TrainConfig, progress: bool = False) -> Data:
    """The arrays of the benchmark at ``root`` at the sizes ``config`` asks for, as
    read-only memory maps of their cache files (views rendered and cached by
    :func:`sbsr.data.render.load_views` when missing)."""
    from sbsr.data.datasets import load_sketches
    from sbsr.data.render import load_views
    from sbsr.data.shrec import load_benchmark

    bench = load_benchmark(root)
    size = config.sketch.image_size
    return Data(
        load_sketches(bench, "train", size, progress, mmap=True), bench.train.labels,
        load_sketches(bench, "test", size, progress, mmap=True), bench.test.labels,
        load_views(bench, config.shape.image_size, progress=progress, mmap=True), bench.models.labels,
    )


def fingerprint(data: Data) -> str:
    """Hash of every array's shape, dtype and bytes (:func:`array_digest` of each)."""
    return key(*(array_digest(array) for array in data))


#: Digests of the arrays that cannot change, by id: (weak reference to the array, digest).
_digests: dict[int, tuple[weakref.ref, str]] = {}
_BLOCK_BYTES = 64 * 2**20


def array_digest(array) -> str:
    """SHA-256 (hex) of an array's shape, dtype and bytes, read in blocks of rows: a
    C-contiguous array or memory map is never copied, another one a block at a time.

    An array that cannot change (read-only, like every array it is a view of: a
    read-only memory map, the sketches of :func:`load_data`) is hashed once per
    process; a writable one on every call.
    """
    array = np.asanyarray(array)  # a memory map stays the same object
    frozen = _cannot_change(array)
    if frozen and id(array) in _digests:
        ref, digest = _digests[id(array)]
        if ref() is array:
            return digest
    sha = hashlib.sha256(f"{array.shape}{array.dtype}".encode())
    rows = array.reshape(1, -1) if array.ndim == 0 else array
    step = max(1, _BLOCK_BYTES // max(1, rows[:1].nbytes))
    for start in range(0, len(rows), step):
        sha.update(np.ascontiguousarray(rows[start : start + step]).data)
    digest = sha.hexdigest()
    if frozen:
        _digests[id(array)] = (weakref.ref(array, lambda _, k=id(array): _digests.pop(k, None)), digest)
    return digest


def _cannot_change(array: np.ndarray) -> bool:
    """Read-only, and so is every array it is a view of (a memory map's base is the map)."""
    while isinstance(array, np.ndarray):
        if array.flags.writeable:
            return False
        array = array.base
    return True


def key(*parts) -> str:
    """Short stable hash of JSON-able parts (configs, seeds, other keys)."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:16]


def variant_config(config: TrainConfig, variant: str | None = None) -> TrainConfig:
    """``config`` with ``variant`` set and the changes that variant makes (module docstring)."""
    variant = variant or config.variant
    if variant not in VARIANTS:
        raise ValueError(f"variant={variant!r} is unknown; valid: {', '.join(VARIANTS)}")
    changes = {
        "adversarial_only": {"spal.cmd_weight": 0.0, "spal.metric_weight": 0.0},
        "cmd_only": {"spal.adversarial_weight": 0.0, "spal.metric_weight": 0.0},
        "full_no_adversarial": {"spal.adversarial_weight": 0.0},
        "full_no_cmd": {"spal.cmd_weight": 0.0},
        "full_narrow_t": {"spal.transform_hidden": NARROW_T},
        "full_plain_triplet": {"metric.mining": "batch_hard"},
    }.get(variant, {})
    return config.replace(variant=variant, **changes)


def run_options(config: TrainConfig, checkpoint: Path | None, progress: bool, **extra) -> stages.RunOptions:
    device = pick_device(config.device)
    info = extra.get("dist")
    if info is not None and info.enabled and device.type == "cuda":
        device = torch.device("cuda", info.local_rank)
    return stages.RunOptions(
        device=device, amp=config.amp, compile=config.compile,
        channels_last=config.channels_last, checkpoint=checkpoint,
        checkpoint_every=config.checkpoint_every, deterministic=config.deterministic, progress=progress, **extra,
    )


#: The config sections a variant never reads (DCA's variants train no joint embedding,
#: the joint baselines no T). Two configs that differ only there train the same thing.
UNUSED_SECTIONS = {"dca": ("joint",), "joint": ("spal", "finetune")}


def variant_folder(data: Data, config: TrainConfig, out_dir: Path) -> Path:
    """Where the variant-specific stages of ``config`` live: keyed by the data, the config
    (less the sections the variant never reads, :data:`UNUSED_SECTIONS`) and
    :func:`feature_settings`, so a changed config trains anew instead of meeting a
    checkpoint it cannot resume, and configs that differ only in what the variant ignores
    (chapter 08's search base and the defaults) share one run."""
    unused = UNUSED_SECTIONS["joint" if config.variant in JOINT else "dca"]
    used = {name: value for name, value in config.to_dict().items() if name not in unused}
    name = f"seed{config.seed}-{key(fingerprint(data), used, feature_settings(config))}"
    return Path(out_dir) / config.variant / name


MODALITIES = ("sketch", "shape")


def feature_settings(config: TrainConfig) -> dict:
    """What changes each modality's CNN features besides its images, the seed and its
    backbone config: mixed precision where it applies (CUDA), the sketch polarity of the
    sketch backbone, and the file of pretrained weights (its name holds its hash)."""
    amp = config.amp and pick_device(config.device).type == "cuda"
    weights = {}
    for name in MODALITIES:
        cfg = getattr(config, name)
        weights[name] = pretrained_weights(cfg.arch).name if cfg.pretrained else None
    return {"sketch": {"amp": amp, "invert_sketches": inverts_sketches(config.sketch.arch),
                       "weights": weights["sketch"]},
            "shape": {"amp": amp, "weights": weights["shape"]}}


def modality_arrays(data: Data, modality: str) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    """The images a modality's backbone trains on, their labels, and the images whose
    features it extracts, by name (``sketch_train`` and ``sketch_test``; ``shapes``)."""
    if modality == "sketch":
        parts = {"sketch_train": data.sketch_train, "sketch_test": data.sketch_test}
        return data.sketch_train, data.sketch_train_labels, parts
    if modality == "shape":
        return data.shape_views, data.shape_labels, {"shapes": data.shape_views}
    raise ValueError(f"modality={modality!r} is unknown; valid: {', '.join(MODALITIES)}")


def backbone_folder(data: Data, config: TrainConfig, cache: Path, modality: str) -> Path:
    """Where one modality's backbone checkpoint and features live: keyed by the images and
    labels it trains on only (so benchmarks that share their shapes share the shape
    backbone, and a validation split shares the sketch backbone's training run), the seed,
    its backbone config and its :func:`feature_settings`."""
    images, labels, _ = modality_arrays(data, modality)
    digests = [array_digest(images), array_digest(labels)]
    cfg = getattr(config, modality)
    seed = None if cfg.pretrained and not cfg.steps else config.seed  # frozen pretrained weights: no seed
    return Path(cache) / f"{modality}-backbone-{key(digests, seed, cfg.__dict__, feature_settings(config)[modality])}"


def features_path(data: Data, config: TrainConfig, cache: Path, modality: str) -> Path:
    """The cached features of one modality's images (:func:`modality_arrays`), in its
    :func:`backbone_folder` and named by the images they are of."""
    _, _, parts = modality_arrays(data, modality)
    of = key({name: array_digest(array) for name, array in parts.items()})
    return backbone_folder(data, config, cache, modality) / f"{modality}_features-{of}.pt"


def metric_training_set(features: dict, data: Data, modality: str) -> tuple:
    """What one modality's metric net trains on: the training sketches' features and labels,
    or the shapes'."""
    if modality == "sketch":
        return features["sketch_train"], data.sketch_train_labels
    return features["shapes"], data.shape_labels


def metric_checkpoint(features: dict, data: Data, config: TrainConfig, cache: Path, modality: str) -> Path:
    """The checkpoint of one modality's metric net: keyed by the features and labels it trains
    on (their bytes, hashed), the seed and the metric config, so benchmarks that share their
    shapes share the shape metric net."""
    inputs, labels = metric_training_set(features, data, modality)
    trained_on = [array_digest(torch.as_tensor(inputs).detach().cpu().numpy()), array_digest(labels)]
    folder = Path(cache) / f"{modality}-metric-{key(trained_on, config.seed, config.metric.__dict__)}"
    return folder / f"{modality}_metric.pt"


def modality_features(data: Data, config: TrainConfig, cache: Path, modality: str, progress: bool = True,
                      dist=None) -> dict[str, torch.Tensor]:
    """Stages (a, b) for one modality: train its backbone (or load the checkpoint), extract
    its features once (cached in :func:`backbone_folder`). ``sketch`` gives ``sketch_train``
    and ``sketch_test``, ``shape`` gives ``shapes``; under ``torchrun`` only the main
    process extracts, the others train with it and return an empty dict."""
    images, labels, parts = modality_arrays(data, modality)
    cfg = getattr(config, modality)
    path = features_path(data, config, cache, modality)
    opts = run_options(config, path.parent / f"{modality}_backbone.pt", progress, **({"dist": dist} if dist else {}))

    def compute():
        encoder, _ = stages.train_backbone(modality, images, labels, cfg, config.seed, opts)
        return {name: stages.extract_features(encoder, x, config.feature_batch_size, opts.device, config.amp,
                                              config.deterministic)
                for name, x in parts.items()}

    if dist is not None and not dist.is_main:
        if not path.is_file():
            stages.train_backbone(modality, images, labels, cfg, config.seed, opts)
        return {}
    return stages.cached_features(path, compute)


def backbone_encoder(data: Data, config: TrainConfig, cache: Path, modality: str,
                     progress: bool = True) -> torch.nn.Module:
    """The trained backbone of one modality, in eval mode: loaded from its checkpoint in
    :func:`backbone_folder` (trained first if there is none)."""
    images, labels, _ = modality_arrays(data, modality)
    checkpoint = backbone_folder(data, config, cache, modality) / f"{modality}_backbone.pt"
    with stages.cpu_threads(config.cpu_threads):
        encoder, _ = stages.train_backbone(modality, images, labels, getattr(config, modality), config.seed,
                                           run_options(config, checkpoint, progress))
    return encoder


def backbone_features(data: Data, config: TrainConfig, cache: Path, progress: bool = True,
                      dist=None, workers: int = 1) -> dict[str, torch.Tensor]:
    """Stages (a, b): both backbones and their features (:func:`modality_features`).

    Returns ``sketch_train``, ``sketch_test`` and ``shapes`` feature tensors.
    With ``workers`` > 1 (0: one per core) two backbones that are not cached yet
    train side by side, one process each. Under ``torchrun`` (``dist`` with
    several processes) every process trains the backbones together; only the
    main one extracts the features, the others return an empty dict.
    """
    if dist is None:
        with parallel.Workers(workers) as pool:
            _cache_backbones([(data, config)], Path(cache), pool)
    with stages.cpu_threads(config.cpu_threads):
        return {name: tensor for modality in MODALITIES
                for name, tensor in modality_features(data, config, cache, modality, progress, dist).items()}


def metric_nets(features: dict, data: Data, config: TrainConfig, cache: Path, progress: bool = True):
    """Stages (c, d): the sketch and shape metric nets (cached at :func:`metric_checkpoint`),
    and their histories."""
    (sketch_net, sketch_history), (shape_net, shape_history) = (
        metric_net(features, data, config, cache, modality, progress) for modality in MODALITIES)
    return sketch_net, shape_net, {"sketch_metric": sketch_history, "shape_metric": shape_history}


def metric_net(features: dict, data: Data, config: TrainConfig, cache: Path, modality: str, progress: bool = True):
    """One modality's metric net (stage c or d) and its history, cached at :func:`metric_checkpoint`."""
    inputs, labels = metric_training_set(features, data, modality)
    return stages.train_metric_net(f"{modality}_metric", inputs, labels, config.metric, config.seed,
                                   run_options(config, metric_checkpoint(features, data, config, cache, modality),
                                               progress))


# ------------------------------------------------- jobs for worker processes (sbsr.train.parallel)


def _backbone_job(data: Data, config: TrainConfig, cache: Path, modality: str) -> None:
    with stages.cpu_threads(config.cpu_threads):
        modality_features(data, config, cache, modality, progress=False)


def _metric_job(data: Data, config: TrainConfig, cache: Path, modality: str) -> None:
    features = backbone_features(data, config, cache, progress=False)
    with stages.cpu_threads(config.cpu_threads):
        metric_net(features, data, config, cache, modality, progress=False)


def _variant_job(data: Data, config: TrainConfig, out_dir: Path, evaluate, progress: bool) -> dict:
    return train_variant(data, config, out_dir, evaluate, progress)["metrics"]


def _cache_backbones(runs: list[tuple[Data, TrainConfig]], cache: Path, pool: parallel.Workers) -> None:
    """Train on the ``pool``'s processes every backbone the ``(data, config)`` runs need that
    is not cached yet (nothing to do with one worker: the stages then train where needed)."""
    jobs = {}
    for data, config in runs:
        for modality in MODALITIES:
            path = features_path(data, config, cache, modality)
            if not path.is_file():
                jobs.setdefault(path.parent, (data, config, cache, modality))
    if len(jobs) > 1 and pool.count > 1:
        pool.run(_backbone_job, list(jobs.values()))


def _cache_metric_nets(runs: list[tuple[Data, TrainConfig]], cache: Path, pool: parallel.Workers) -> None:
    """Like :func:`_cache_backbones`, for the metric nets of the runs whose variant has them."""
    jobs = {}
    for data, config in runs:
        if config.variant in JOINT:
            continue
        features = backbone_features(data, config, cache, progress=False)
        for modality in MODALITIES:
            checkpoint = metric_checkpoint(features, data, config, cache, modality)
            if not checkpoint.is_file():
                jobs.setdefault(checkpoint, (data, config, cache, modality))
    if len(jobs) > 1 and pool.count > 1:
        pool.run(_metric_job, list(jobs.values()))


def _cache_stages(runs: list[tuple[Data, TrainConfig]], cache: Path, pool: parallel.Workers) -> None:
    """The shared stages of the runs, in two waves on the ``pool``: backbones, then metric nets."""
    _cache_backbones(runs, cache, pool)
    _cache_metric_nets(runs, cache, pool)


def prepare_stages(runs: list[tuple[Data, TrainConfig]], out_dir: str | Path, workers: int = 1) -> None:
    """Train the shared stages (backbones, then metric nets) that the ``(data, config)`` runs
    need, all in one pool of ``workers`` processes (0: one per core): several experiments'
    stages side by side. Their variants then only train what is their own."""
    runs = [(data, variant_config(config)) for data, config in runs]
    with parallel.Workers(workers) as pool:
        _cache_stages(runs, Path(out_dir) / "cache", pool)


def distances(query: torch.Tensor, gallery: torch.Tensor) -> np.ndarray:
    """Euclidean query x gallery distance matrix."""
    return torch.cdist(query.double(), gallery.double()).numpy()


def scalars(result) -> dict[str, float]:
    """The numeric entries of an evaluation result (curves left out)."""
    values = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    return {k: float(v) for k, v in values.items() if isinstance(v, (int, float, np.number))}


def train_variant(
    data: Data,
    config: TrainConfig,
    out_dir: str | Path,
    evaluate: Callable | None = None,
    progress: bool = True,
    workers: int = 1,
) -> dict:
    """Train ``config.variant`` for ``config.seed`` and evaluate it on the test sketches.

    Checkpoints of the variant-specific stages go to :func:`variant_folder`
    (``out_dir/<variant>/seed<seed>-<key>/``); shared stages to ``out_dir/cache/``.
    Returns ``{"metrics": {...}, "scores": <evaluation result>, "history":
    {stage: [per-step records]}, "embeddings": {...}}``: the history of every
    stage this variant went through (cached ones read from their checkpoints),
    the embeddings (numpy) of the test sketches (``sketch_test``; after T
    also ``sketch_test_adapted``) and of all shapes (``shapes``), and the trained
    ``networks`` in eval mode on the CPU: ``sketch_net``, ``shape_net``, ``transform`` and
    ``discriminator`` (None without T; after SPAL or stage (f) the metric nets are those
    they left). With ``workers`` > 1
    (0: one per core) backbones that are not cached yet train side by side.
    """
    config = variant_config(config)
    with stages.cpu_threads(config.cpu_threads):
        return _train_variant(data, config, Path(out_dir), evaluate or _default_evaluate(), progress, workers)


def _train_variant(data: Data, config: TrainConfig, out_dir: Path, evaluate: Callable, progress: bool,
                   workers: int) -> dict:
    seed = config.seed
    cache, run_dir = out_dir / "cache", variant_folder(data, config, out_dir)
    seed_everything(seed)
    features = backbone_features(data, config, cache, progress, workers=workers)
    test_labels, shape_labels = data.sketch_test_labels, data.shape_labels
    history: dict[str, list] = {}
    for modality in MODALITIES:
        checkpoint = backbone_folder(data, config, cache, modality) / f"{modality}_backbone.pt"
        if checkpoint.is_file():
            history[f"{modality}_backbone"] = read_history(checkpoint)

    if config.variant in JOINT:
        mining = "batch_hard" if config.variant == "joint_triplet" else config.metric.mining
        sketch_net, shape_net, history[config.variant] = stages.train_joint_embedding(
            features["sketch_train"], data.sketch_train_labels, features["shapes"], shape_labels,
            config.joint, seed, run_options(config, run_dir / f"{config.variant}.pt", progress),
            mining=mining, name=config.variant, alpha=config.metric.alpha, beta=config.metric.beta)
        embeddings = {"sketch_test": stages.embed(sketch_net, features["sketch_test"]),
                      "shapes": stages.embed(shape_net, features["shapes"])}
        networks = {"sketch_net": sketch_net, "shape_net": shape_net, "transform": None, "discriminator": None}
        return _report(embeddings, "sketch_test", data, evaluate, history, networks)

    sketch_net, shape_net, metric_history = metric_nets(features, data, config, cache, progress)
    history.update(metric_history)
    transform = discriminator = None

    def embed_all() -> dict[str, torch.Tensor]:
        """Test sketches before T (and after it, when there is one) and all shapes."""
        sketch = stages.embed(sketch_net, features["sketch_test"])
        out = {"sketch_test": sketch, "shapes": stages.embed(shape_net, features["shapes"])}
        if transform is not None:
            out["sketch_test_adapted"] = stages.embed(transform, sketch)
        return out

    def scores() -> dict[str, float]:
        """Test sketches (through T when there is one) against all shapes."""
        emb = embed_all()
        query = emb.get("sketch_test_adapted", emb["sketch_test"])
        return scalars(evaluate(distances(query, emb["shapes"]), test_labels, shape_labels))

    if config.variant != "no_adaptation":
        spal, dim = config.spal, shape_net.out_features
        transform = stages.build_transform(spal, dim, config.metric.normalize)
        discriminator = stages.build_discriminator(spal, dim)
        transform, discriminator, history["spal"] = stages.train_spal(
            sketch_net, features["sketch_train"], data.sketch_train_labels,
            shape_net, features["shapes"], shape_labels, spal, config.metric, seed,
            run_options(config, run_dir / "spal.pt", progress, eval_every=config.eval_every,
                        eval_fn=lambda: {"mAP": scores()["mAP"]}),
            transform=transform, discriminator=discriminator)
        if config.finetune.steps:  # stage (f): the three nets together, small learning rates
            ft = config.finetune
            finetune = dataclasses.replace(spal, steps=ft.steps, lr=ft.lr, disc_lr=ft.lr,
                                           sketch_lr=ft.lr, shape_lr=ft.shape_lr)
            transform, discriminator, history["finetune"] = stages.train_spal(
                sketch_net, features["sketch_train"], data.sketch_train_labels,
                shape_net, features["shapes"], shape_labels, finetune, config.metric, seed,
                run_options(config, run_dir / "finetune.pt", progress),
                transform=transform, discriminator=discriminator, name="finetune")
    query = "sketch_test" if transform is None else "sketch_test_adapted"
    networks = {"sketch_net": sketch_net, "shape_net": shape_net, "transform": transform,
                "discriminator": discriminator}
    return _report(embed_all(), query, data, evaluate, history, networks)


def _report(embeddings: dict[str, torch.Tensor], query: str, data: Data, evaluate: Callable,
            history: dict, networks: dict) -> dict:
    """What :func:`train_variant` returns: scores of ``embeddings[query]`` against the shapes."""
    result = evaluate(distances(embeddings[query], embeddings["shapes"]), data.sketch_test_labels,
                      data.shape_labels)
    return {"metrics": scalars(result), "scores": result, "history": history,
            "embeddings": {name: emb.numpy() for name, emb in embeddings.items()},
            "networks": {name: net.cpu().eval() if net is not None else None for name, net in networks.items()}}


def _default_evaluate():
    from sbsr.metrics import evaluate

    return evaluate


def summarize(per_seed: list[dict[str, float]]) -> dict[str, dict[str, float]]:
    """Mean, standard deviation (ddof 0) and the half-width of the 95 % Student-t interval of
    the mean (:func:`sbsr.intervals.mean_interval`; None with one seed) of each metric over seeds."""
    names = per_seed[0].keys()
    return {
        "mean": {n: float(np.mean([r[n] for r in per_seed])) for n in names},
        "std": {n: float(np.std([r[n] for r in per_seed])) for n in names},
        "half_width": {n: mean_interval([r[n] for r in per_seed])["half_width"] for n in names},
    }


def difference(results: dict[str, dict], a: str, b: str, metric: str = "mAP") -> dict[str, float]:
    """``a``'s ``metric`` minus ``b``'s, paired by seed (the variants of one seed share its
    backbones), with its 95 % Student-t interval (:func:`sbsr.intervals.paired_difference`).
    ``results`` maps variant names to :func:`run_ablations` entries (with ``per_seed``)."""
    if len(results[a]["per_seed"]) != len(results[b]["per_seed"]):
        raise ValueError(f"{a} and {b} were run on different numbers of seeds")
    return paired_difference([x[metric] for x in results[a]["per_seed"]],
                             [x[metric] for x in results[b]["per_seed"]])


def format_table(results: dict[str, dict], columns=SHREC_COLUMNS, interval=("mAP",)) -> str:
    """Markdown table: one row per variant, each metric's mean over seeds, and for the
    metrics in ``interval`` ± the half-width of its 95 % Student-t interval (the mean alone
    with one seed). One interval keeps the table within the book's column; the others are
    in :func:`half_width_table`."""
    def cell(result, c):  # no-break spaces: a value never wraps in a narrow column
        half = result["half_width"][c]
        return f"{result['mean'][c]:.3f}" + ("" if c not in interval or half is None else f"\u00a0±\u00a0{half:.3f}")

    return markdown_table(["variant", *columns], [[v, *(cell(r, c) for c in columns)] for v, r in results.items()])


def half_width_table(results: dict[str, dict], columns=SHREC_COLUMNS) -> str:
    """Markdown table: one row per variant, the half-width of each metric's 95 % Student-t
    interval over seeds ("-" with one seed)."""
    def cell(half):
        return "-" if half is None else f"±\u00a0{half:.3f}"

    return markdown_table(["variant", *columns],
                          [[v, *(cell(r["half_width"][c]) for c in columns)] for v, r in results.items()])


def per_seed_table(results: dict[str, dict], metric: str = "mAP") -> str:
    """Markdown table: one row per variant, its ``metric`` for each seed in order."""
    seeds = max(len(r["per_seed"]) for r in results.values())
    return markdown_table(["variant", *(f"seed {i + 1}" for i in range(seeds))],
                          [[v, *(f"{m[metric]:.3f}" for m in r["per_seed"])] for v, r in results.items()])


def train_runs(
    runs: list[tuple[Data, TrainConfig]],
    out_dir: str | Path,
    evaluate: Callable | None = None,
    progress: bool = True,
    workers: int = 1,
) -> list[dict[str, float]]:
    """The test metrics of :func:`train_variant` for each ``(data, config)`` run, in their order.

    With ``workers`` > 1 (0: one per core) the work runs in that many processes,
    in three waves of independent jobs: the backbones of every run (one job per
    modality), the metric nets (one job per modality), then the variants, which
    find every shared stage cached. Each stage seeds itself, so the numbers are
    those of one worker, which trains everything in this process.
    """
    out_dir = Path(out_dir)
    runs = [(data, variant_config(config)) for data, config in runs]  # unknown variants fail before any training
    with parallel.Workers(workers) as pool:
        _cache_stages(runs, out_dir / "cache", pool)
        jobs = [(data, config, out_dir, evaluate, progress and pool.count == 1) for data, config in runs]
        return pool.run(_variant_job, jobs)


def train_variants(
    data: Data,
    configs: list[TrainConfig],
    out_dir: str | Path,
    evaluate: Callable | None = None,
    progress: bool = True,
    workers: int = 1,
) -> list[dict[str, float]]:
    """:func:`train_runs` of ``configs`` on one benchmark."""
    return train_runs([(data, config) for config in configs], out_dir, evaluate, progress, workers)


def ablation_results(
    data: Data,
    config: TrainConfig,
    out_dir: str | Path,
    variants: tuple[str, ...] = VARIANTS,
    seeds: tuple[int, ...] = (0, 1, 2),
    evaluate: Callable | None = None,
    progress: bool = True,
    workers: int = 1,
) -> dict[str, dict]:
    """Every variant for every seed (:func:`train_runs`, on ``workers`` processes): per
    variant the metrics of each seed (``per_seed``) with their mean and standard deviation."""
    return many_ablations({"": (data, config, variants, seeds)}, out_dir, evaluate, progress, workers)[""]


def many_ablations(
    conditions: dict[str, tuple[Data, TrainConfig, tuple[str, ...], tuple[int, ...]]],
    out_dir: str | Path,
    evaluate: Callable | None = None,
    progress: bool = True,
    workers: int = 1,
) -> dict[str, dict[str, dict]]:
    """:func:`ablation_results` of several conditions, ``name -> (data, config, variants,
    seeds)``, with all their jobs in one pool: per name, per variant, ``per_seed`` metrics
    with their mean and standard deviation."""
    runs, slots = [], []
    for name, (data, config, variants, seeds) in conditions.items():
        for variant in variants:
            for seed in seeds:
                runs.append((data, config.replace(variant=variant, seed=seed)))
                slots.append((name, variant))
    metrics = train_runs(runs, out_dir, evaluate, progress, workers)
    results: dict[str, dict[str, dict]] = {name: {} for name in conditions}
    for (name, variant), m in zip(slots, metrics):
        results[name].setdefault(variant, {"per_seed": []})["per_seed"].append(m)
    for variants in results.values():
        for result in variants.values():
            result.update(summarize(result["per_seed"]))
    return results


def run_ablations(
    data: Data,
    config: TrainConfig,
    out_dir: str | Path,
    variants: tuple[str, ...] = VARIANTS,
    seeds: tuple[int, ...] = (0, 1, 2),
    evaluate: Callable | None = None,
    progress: bool = True,
    workers: int = 1,
) -> dict:
    """:func:`ablation_results`, written to ``out_dir/results.json`` with the config, the
    seeds and the data's fingerprint; returns that report."""
    results = ablation_results(data, config, out_dir, variants, seeds, evaluate, progress, workers)
    report = {"config": config.to_dict(), "seeds": list(seeds), "data": fingerprint(data), "variants": results}
    write_json(Path(out_dir) / "results.json", report)
    return report
