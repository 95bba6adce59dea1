"""The training stages of DCA, one function each, reading top to bottom.

- (a) :func:`train_backbone`: a CNN per modality, cross-entropy on class labels;
- (b) :func:`extract_features` / :func:`cached_features`: CNN features, saved to disk;
- (c, d) :func:`train_metric_net`: a metric network per modality, IAML within it;
- (e) :func:`train_spal`: T against D, with CMD and the metric loss on T's outputs;
- (f) the same function with the sketch and shape nets trainable (joint fine-tuning);
- and the baseline :func:`train_joint_embedding` (cross-modal triplet loss).

Each stage builds its networks and optimizers, defines ``step(i)`` (one
optimisation step, returning the numbers to log) and hands it to
:func:`run_steps`, which owns the loop: learning-rate schedule, progress bar,
history, evaluation, checkpoints, resume, and the stop on a non-finite loss.
"""

from __future__ import annotations

import contextlib
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from tqdm import tqdm  # text bars: no widget state in executed notebooks

from sbsr.io import atomic_path, exclusive, make_once
from sbsr.losses import (
    cmd_loss,
    discriminator_accuracy,
    discriminator_loss,
    generator_loss,
    gradient_penalty,
    iaml_loss,
)
from sbsr.models import Discriminator, MetricNet, MultiViewEncoder, Transform, build_backbone
from sbsr.runtime import autocast, deterministic_algorithms, keep_freed_memory
from sbsr.train import distributed
from sbsr.train.checkpoint import load_checkpoint, restore, save_checkpoint
from sbsr.train.config import BackboneConfig, JointConfig, MetricConfig, SpalConfig


@dataclass
class RunOptions:
    """How a stage runs (not what it learns): device, checkpoints, evaluation, progress."""

    device: torch.device = field(default_factory=lambda: torch.device("cpu"))
    amp: bool = True  # autocast on CUDA
    compile: bool = False  # torch.compile the backbone
    channels_last: bool = False
    checkpoint: Path | None = None  # this stage's checkpoint file
    checkpoint_every: int = 0  # 0: only at the end
    resume: bool = True  # continue from ``checkpoint`` when it exists
    stop_at: int | None = None  # leave the loop after this step (as if interrupted)
    eval_every: int = 0
    eval_fn: Callable[[], dict] | None = None  # returns numbers to log, e.g. {"mAP": ...}
    progress: bool = True
    dist: distributed.DistInfo = field(default_factory=distributed.DistInfo)
    # Steps between reads of the logged numbers from the device; None: 1 on the CPU (they
    # are ready anyway), 10 on an accelerator. Between reads the host queues steps without
    # waiting for the device; a non-finite loss is then found up to sync_every - 1 steps
    # late, but always before a checkpoint or an evaluation.
    sync_every: int | None = None
    deterministic: bool = False  # sbsr.runtime.deterministic_algorithms while training


# ---------------------------------------------------------------- helpers


def images_to_float(images: np.ndarray | torch.Tensor, invert: bool) -> torch.Tensor:
    """uint8 images ``(..., H, W)``, white background -> float32 in [0, 1].

    ``pixel / 255``, or with ``invert`` ``1 - pixel / 255`` (strokes high,
    background 0). A tensor stays on its device; a NumPy array is copied
    (memory maps are read-only). Which sketches are inverted is the backbone's
    choice: see :func:`encoder_input`.
    """
    if isinstance(images, np.ndarray):
        if images.dtype != np.uint8:
            raise ValueError(f"images must be uint8, got {images.dtype}")
        images = torch.from_numpy(np.array(images))
    elif images.dtype != torch.uint8:
        raise ValueError(f"images must be uint8, got {images.dtype}")
    x = images.float().div_(255.0)
    return 1.0 - x if invert else x


def encoder_input(encoder: nn.Module, images: np.ndarray | torch.Tensor) -> torch.Tensor:
    """uint8 sketches ``(N, H, W)`` or views ``(M, V, H, W)`` -> the float input of
    ``encoder``: ``(N, 1, H, W)`` or ``(M, V, 1, H, W)``.

    Sketches take the polarity of the sketch backbone (its ``invert_sketches``,
    :mod:`sbsr.models`); views are never inverted. Training
    (:func:`train_backbone`), :func:`extract_features` and the demo all convert
    through here, so they cannot disagree.
    """
    sketches = images.ndim == 3
    invert = False
    if sketches:
        invert = getattr(distributed.unwrap(encoder), "invert_sketches", None)
        if not isinstance(invert, bool):
            raise ValueError(f"{type(encoder).__name__} does not say how it takes sketches: give it an "
                             "invert_sketches attribute (True: white strokes on black)")
    return images_to_float(images, invert).unsqueeze(1 if sketches else 2)


def perturb(x: torch.Tensor, dropout: float, noise: float, generator: torch.Generator) -> torch.Tensor:
    """``x`` with each entry dropped with probability ``dropout`` (the rest scaled by
    ``1 / (1 - dropout)``) and Gaussian noise of std ``noise`` added; ``x`` itself when
    both are 0. The random numbers come from ``generator`` (on the CPU)."""
    if dropout:
        keep = torch.rand(x.shape, generator=generator) >= dropout
        x = x * keep.to(x.device) / (1 - dropout)
    if noise:
        x = x + noise * torch.randn(x.shape, generator=generator).to(x.device)
    return x


def cosine_lr(step: int, steps: int, warmup: int = 0) -> float:
    """Learning-rate factor: linear warm-up, then cosine decay from 1 to 0.01."""
    if step < warmup:
        return (step + 1) / warmup
    progress = (step - warmup) / max(1, steps - warmup)
    return 0.01 + 0.99 * 0.5 * (1.0 + math.cos(math.pi * progress))


def class_index(labels: torch.Tensor) -> dict[int, torch.Tensor]:
    """Class -> indices of its samples."""
    return {int(c): (labels == c).nonzero().squeeze(1) for c in labels.unique()}


def cross_modal_classes(sketch_labels, shape_labels):
    """Label tensors, per-class indices of both modalities, and the classes present in both.

    The cross-modal stages (SPAL, the joint baseline) sample only those classes;
    a ValueError says so when there are none.
    """
    sketch_labels = torch.as_tensor(sketch_labels, dtype=torch.long)
    shape_labels = torch.as_tensor(shape_labels, dtype=torch.long)
    sketch_index, shape_index = class_index(sketch_labels), class_index(shape_labels)
    classes = sorted(set(sketch_index) & set(shape_index))
    if not classes:
        raise ValueError("sketches and shapes share no class; cross-modal training needs classes in both")
    return sketch_labels, shape_labels, sketch_index, shape_index, classes


def sample_pk(index: dict[int, torch.Tensor], classes: list[int], k: int,
              generator: torch.Generator) -> torch.Tensor:
    """K indices of each class in ``classes`` (with replacement when a class has fewer)."""
    picks = []
    for c in classes:
        members = index[c]
        if len(members) >= k:
            picks.append(members[torch.randperm(len(members), generator=generator)[:k]])
        else:
            picks.append(members[torch.randint(len(members), (k,), generator=generator)])
    return torch.cat(picks)


def sample_classes(classes: list[int], p: int, generator: torch.Generator) -> list[int]:
    order = torch.randperm(len(classes), generator=generator)[: min(p, len(classes))]
    return [classes[i] for i in order.tolist()]


def augmentation_draws(n: int, generator: torch.Generator, shift: int = 4) -> tuple[torch.Tensor, torch.Tensor]:
    """Random augmentation of ``n`` sketches: whether to flip each (bool ``(n,)``) and
    its offsets ``(dy, dx)`` in ``[0, 2 * shift]`` (``(2, n)``), drawn on the CPU."""
    flip = torch.rand(n, generator=generator) < 0.5
    return flip, torch.randint(0, 2 * shift + 1, (2, n), generator=generator)


def augment_sketches(images: torch.Tensor, flip: torch.Tensor, offsets: torch.Tensor, shift: int = 4) -> torch.Tensor:
    """Horizontal flip where ``flip``, then a shift by ``offsets - shift`` pixels with edge
    padding (:func:`augmentation_draws`). ``images`` ``(N, ..., H, W)`` of any dtype, on
    their device, all at once (two gathers)."""
    n, h, w = images.shape[0], images.shape[-2], images.shape[-1]
    x = images.reshape(n, -1, h, w)
    rows = (torch.arange(h, device=x.device) + offsets[0, :, None] - shift).clamp_(0, h - 1)
    cols = (torch.arange(w, device=x.device) + offsets[1, :, None] - shift).clamp_(0, w - 1)
    cols = torch.where(flip[:, None], w - 1 - cols, cols)
    x = x.gather(2, rows[:, None, :, None].expand(x.shape))
    return x.gather(3, cols[:, None, None, :].expand(x.shape)).view(images.shape)


@contextlib.contextmanager
def cpu_threads(count: int):
    """Run with ``count`` torch CPU threads (0: leave the setting alone), then restore it."""
    before = torch.get_num_threads()
    if count:
        torch.set_num_threads(count)
    try:
        yield
    finally:
        torch.set_num_threads(before)


@contextlib.contextmanager
def evaluating(*modules: nn.Module):
    """Eval mode and no gradients inside; the previous modes come back after."""
    modes = [m.training for m in modules]
    try:
        for m in modules:
            m.eval()
        with torch.no_grad():
            yield
    finally:
        for m, mode in zip(modules, modes):
            m.train(mode)


def check_micro_batches(batch_size: int, micro_batches: int, dist: distributed.DistInfo) -> None:
    """Refuse a split that leaves a process with an empty micro-batch.

    Each of ``dist.world_size`` processes gets ``batch_size / world_size``
    samples and splits them into ``micro_batches`` parts whose sizes differ by
    at most one (``Tensor.tensor_split``).
    """
    if batch_size % dist.world_size:
        raise ValueError(f"batch of {batch_size} does not divide over {dist.world_size} processes")
    per_process = batch_size // dist.world_size
    if per_process < micro_batches:
        raise ValueError(f"each process gets {per_process} samples of the batch of {batch_size} "
                         f"({dist.world_size} processes), fewer than micro_batches {micro_batches}")


def make_adam(params, lr: float, weight_decay: float = 0.0) -> torch.optim.AdamW:
    """Adam with decoupled weight decay (AdamW: each step multiplies a weight by
    ``1 - lr * weight_decay``, apart from the gradient step).

    Only weight matrices and convolution kernels decay; one-dimensional
    parameters (biases, batch-norm scales and shifts) do not, so small
    pretrained norm weights with small gradients keep their values. The fused
    implementation (one kernel for all parameters, on the CPU as on CUDA) is about a
    fifth faster for the book's small networks than the per-tensor loop.
    """
    params = list(params)
    groups = [{"params": [p for p in params if p.ndim > 1], "weight_decay": weight_decay},
              {"params": [p for p in params if p.ndim <= 1], "weight_decay": 0.0}]
    optimizer = torch.optim.AdamW([g for g in groups if g["params"]], lr=lr, fused=True)
    for group in optimizer.param_groups:
        group["base_lr"] = lr
    return optimizer


# ---------------------------------------------------------------- the loop


def run_steps(
    stage: str,
    step: Callable[[int], dict],
    steps: int,
    *,
    config: dict,
    modules: dict[str, nn.Module],
    optimizers: dict[str, torch.optim.Optimizer],
    generator: torch.Generator,
    opts: RunOptions,
) -> list[dict]:
    """Call ``step(i)`` for i in [start, steps) and return the per-step history.

    ``start`` is 0, or the saved step when ``opts.checkpoint`` exists and
    ``opts.resume`` is set (the checkpoint must have been written with the
    same ``config``). Every record holds the step's losses, ``step`` and ``lr``;
    evaluation results join it every ``opts.eval_every`` steps. ``step`` may
    return 0-d tensors: they are read every ``opts.sync_every`` steps (and
    before an evaluation or a checkpoint), so the host need not wait for the
    device on every step. A non-finite ``loss`` raises FloatingPointError naming
    stage and step; the last checkpoint written is the last good one and stays
    as it is. Processes that train the same checkpoint take turns (all of
    them but the first find it finished), except under ``torchrun``, where
    the processes train it together.
    """
    keep_freed_memory()
    with contextlib.ExitStack() as held:
        if opts.checkpoint is not None and not opts.dist.enabled:
            held.enter_context(exclusive(opts.checkpoint))  # another process training this stage finishes first
        start, history = 0, []
        if opts.checkpoint is not None and opts.resume and Path(opts.checkpoint).exists():
            state = load_checkpoint(opts.checkpoint, config, stage)
            restore(state, modules, optimizers, generator)
            start, history = state["step"], list(state["history"])

        saved = start if history else None  # step of the last checkpoint of this run

        def save(done: int) -> None:
            nonlocal saved
            if opts.checkpoint is not None and opts.dist.is_main:
                saved = done
                save_checkpoint(opts.checkpoint, stage=stage, step=done, config=config, modules=modules,
                                optimizers=optimizers, generator=generator, history=history)

        last = steps if opts.stop_at is None else min(steps, opts.stop_at)
        bar = tqdm(range(start, last), desc=stage, initial=start, total=steps,
                   disable=not (opts.progress and opts.dist.is_main), leave=False)
        pending: list[tuple[int, dict, float]] = []  # steps whose numbers may still be on the device
        sync_every = opts.sync_every or (1 if opts.device.type == "cpu" else 10)

        def settle() -> None:
            """Read the pending steps' numbers (one transfer) into the history; stop at a non-finite one."""
            for (i, _, lr), record in zip(pending, read_numbers([r for _, r, _ in pending])):
                if not all(math.isfinite(v) for v in record.values()):
                    raise FloatingPointError(
                        f"stage {stage!r}: non-finite loss at step {i + 1}: {record}; last good checkpoint: "
                        + (f"{opts.checkpoint} (step {saved})" if saved is not None else "none written")
                    )
                history.append({"step": i + 1, **record, "lr": lr})
            pending.clear()
            bar.set_postfix(loss=f"{history[-1]['loss']:.4f}", refresh=False)  # drawn at the next timed refresh

        with deterministic_algorithms(opts.deterministic, opts.device):
            for i in bar:
                factor = cosine_lr(i, steps, warmup=min(100, steps // 20))
                for optimizer in optimizers.values():
                    for group in optimizer.param_groups:
                        group["lr"] = group["base_lr"] * factor
                record = step(i)
                lr = next(iter(optimizers.values())).param_groups[0]["lr"] if optimizers else 0.0
                pending.append((i, record, lr))
                evaluate = opts.eval_fn is not None and opts.eval_every and (i + 1) % opts.eval_every == 0
                checkpoint = opts.checkpoint_every and (i + 1) % opts.checkpoint_every == 0 and i + 1 < last
                if evaluate or checkpoint or i + 1 == last or (i + 1) % sync_every == 0:
                    settle()
                if evaluate:
                    history[-1].update(opts.eval_fn())
                if checkpoint:
                    save(i + 1)
        if last > start or not history:
            save(last)
        return history


def read_numbers(records: list[dict]) -> list[dict[str, float]]:
    """``records`` with every value a float; tensors (0-d, on one device) are read in one transfer."""
    tensors = [v.detach().float() for r in records for v in r.values() if isinstance(v, torch.Tensor)]
    values = iter(torch.stack(tensors).tolist() if tensors else [])
    return [{k: next(values) if isinstance(v, torch.Tensor) else float(v) for k, v in r.items()} for r in records]


# ---------------------------------------------------------------- (a) backbones


def build_encoder(cfg: BackboneConfig, modality: str) -> nn.Module:
    """The sketch CNN, or the shape CNN inside a multi-view encoder."""
    if modality not in ("sketch", "shape"):
        raise ValueError(f"modality={modality!r} is unknown; valid: sketch, shape")
    cnn = build_backbone(cfg.arch, cfg.pretrained, cfg.widths)
    return cnn if modality == "sketch" else MultiViewEncoder(cnn, cfg.view_pooling)


def prepare_batch(
    encoder: nn.Module,
    images: np.ndarray,
    labels: torch.Tensor,
    batch: torch.Tensor,
    generator: torch.Generator | None,
    dist: distributed.DistInfo,
    device: torch.device,
    views: torch.Tensor | None = None,
) -> tuple[torch.Tensor, torch.Tensor]:
    """This process's share of the global ``batch`` (indices): ``encoder``'s input and the labels, on ``device``.

    Only the share is read from ``images`` (uint8, a memory map works) and it
    travels as uint8 (pinned on CUDA); conversion (:func:`encoder_input`) and
    the sketch augmentation run on the device. The augmentation, when
    ``generator`` is given, is drawn for the whole batch, so every process
    draws the same numbers and the share matches one process's slice. ``views``
    (shapes only: ``(len(batch), k)`` view indices) keeps those views of each shape.
    """
    draws = augmentation_draws(len(batch), generator) if generator is not None else None
    positions = distributed.shard(torch.arange(len(batch)), dist)
    rows = batch[positions].numpy()
    x = torch.from_numpy(images[rows] if views is None else images[rows[:, None], views[positions].numpy()])
    if device.type == "cuda":
        x = x.pin_memory()
    x = x.to(device, non_blocking=True)
    if draws is not None:  # on uint8, a quarter of the bytes of float32
        x = augment_sketches(x, *(d[..., positions].to(device, non_blocking=True) for d in draws))
    return encoder_input(encoder, x), labels[batch[positions]].to(device, non_blocking=True)


def train_backbone(
    modality: str,
    images: np.ndarray,
    labels: np.ndarray,
    cfg: BackboneConfig,
    seed: int,
    opts: RunOptions,
) -> tuple[nn.Module, list[dict]]:
    """Stage (a): encoder + linear classifier trained with cross-entropy.

    ``images``: uint8 sketches ``(N, H, W)`` or shape views ``(M, V, H, W)``.
    Returns the encoder (classifier dropped) and the history.
    """
    expected = 3 if modality == "sketch" else 4
    if images.ndim != expected or images.shape[-1] != cfg.image_size or images.shape[-2] != cfg.image_size:
        raise ValueError(f"{modality} images must be {expected}-d with {cfg.image_size}x{cfg.image_size} "
                         f"pixels (config image_size), got shape {tuple(images.shape)}")
    if modality == "sketch" and cfg.train_views:
        raise ValueError(f"train_views={cfg.train_views} applies to shapes only; the sketch config must keep 0")
    if modality == "shape" and cfg.train_views > images.shape[1]:
        raise ValueError(f"train_views={cfg.train_views} is more than the {images.shape[1]} views of each shape")
    torch.manual_seed(seed)
    generator = torch.Generator().manual_seed(seed)
    labels = torch.as_tensor(labels, dtype=torch.long)
    num_classes = int(labels.max()) + 1
    device = opts.device
    check_micro_batches(min(cfg.batch_size, len(labels)), cfg.micro_batches, opts.dist)

    encoder = build_encoder(cfg, modality)
    model = nn.Sequential(encoder, nn.Linear(encoder.out_features, num_classes)).to(device)
    if opts.channels_last:
        model = model.to(memory_format=torch.channels_last)
    optimizer = make_adam(model.parameters(), cfg.lr, cfg.weight_decay)
    trained = distributed.wrap(model, opts.dist, device)
    forward = torch.compile(trained) if opts.compile else trained
    augment = modality == "sketch" and cfg.augment

    def step(i: int) -> dict:
        batch = torch.randperm(len(labels), generator=generator)[: cfg.batch_size]
        views = None
        if modality == "shape" and cfg.train_views:  # a random subset of each shape's views
            views = torch.rand(len(batch), images.shape[1], generator=generator).argsort(1)[:, : cfg.train_views]
        x, y = prepare_batch(encoder, images, labels, batch, generator if augment else None, opts.dist, device,
                             views)
        optimizer.zero_grad(set_to_none=True)
        total, correct = torch.zeros((), device=device), torch.zeros((), device=device)  # read once per step
        parts = list(zip(x.tensor_split(cfg.micro_batches), y.tensor_split(cfg.micro_batches)))
        for j, (xj, yj) in enumerate(parts):
            if opts.channels_last and xj.dim() == 4:
                xj = xj.contiguous(memory_format=torch.channels_last)
            sync = j == len(parts) - 1 or not opts.dist.enabled  # DDP all-reduces on the last backward
            with contextlib.nullcontext() if sync else trained.no_sync():
                with autocast(device, opts.amp):
                    logits = forward(xj)
                    # weighted by the part's share: the parts' sum is the mean over the whole batch
                    loss = F.cross_entropy(logits.float(), yj) * (len(yj) / len(y))
                loss.backward()
            total += loss.detach()
            correct += (logits.argmax(1) == yj).sum()
        optimizer.step()
        return distributed.mean_over_processes({"loss": total, "accuracy": correct / len(y)}, opts.dist)

    if cfg.steps:
        history = run_steps(f"{modality}_backbone", step, cfg.steps, config={"seed": seed, **vars(cfg)},
                            modules={"model": model}, optimizers={"model": optimizer},
                            generator=generator, opts=opts)
    else:
        history = []
    return encoder.eval(), history


# ---------------------------------------------------------------- (b) features


def extract_features(
    encoder: nn.Module, images: np.ndarray, batch_size: int, device: torch.device, amp: bool = True,
    deterministic: bool = False,
) -> torch.Tensor:
    """Stage (b): float32 features ``(N, encoder.out_features)`` on the CPU, in eval mode
    (with :func:`sbsr.runtime.deterministic_algorithms` when ``deterministic``).

    Each forward pass takes about ``batch_size`` images: a shape of V views counts V (and
    a pass takes one shape at least). In eval mode an image's features do not depend on the
    others of its pass; small passes stay in the CPU's memory (on a CPU, 256 images per pass
    extracted the shapes' features in half the time of 256 shapes per pass, the same bits)."""
    keep_freed_memory()
    per_pass = max(1, batch_size // int(np.prod(images.shape[1:-2])))  # sketches or shapes
    chunks = []
    with evaluating(encoder), deterministic_algorithms(deterministic, device):
        for start in range(0, len(images), per_pass):
            x = encoder_input(encoder, images[start : start + per_pass]).to(device)
            with autocast(device, amp):
                chunks.append(encoder(x).float().cpu())
    return torch.cat(chunks) if chunks else torch.zeros(0, encoder.out_features)


def cached_features(path: Path, compute: Callable[[], torch.Tensor]) -> torch.Tensor:
    """Load the tensor at ``path``; if absent, compute it and save it atomically (one
    process at a time: another one computing it meanwhile is waited for)."""

    def save() -> None:
        with atomic_path(path) as tmp:
            torch.save(compute(), tmp)

    make_once(path, save)
    return torch.load(path, map_location="cpu", weights_only=True)


# ---------------------------------------------------------------- (c, d) metric nets


def train_metric_net(
    name: str,
    features: torch.Tensor,
    labels: torch.Tensor,
    cfg: MetricConfig,
    seed: int,
    opts: RunOptions,
) -> tuple[MetricNet, list[dict]]:
    """Stages (c, d): a metric network on one modality's features, IAML within it.

    Batches hold P classes x K samples so every anchor has positives.
    """
    torch.manual_seed(seed)
    generator = torch.Generator().manual_seed(seed)
    features, labels = features.to(opts.device), torch.as_tensor(labels, dtype=torch.long)
    index, classes = class_index(labels), sorted(class_index(labels))
    labels = labels.to(opts.device)

    net = MetricNet(features.shape[1], cfg.hidden, cfg.out_features, cfg.normalize).to(opts.device)
    optimizer = make_adam(net.parameters(), cfg.lr)

    def step(i: int) -> dict:
        batch = sample_pk(index, sample_classes(classes, cfg.classes_per_batch, generator),
                          cfg.samples_per_class, generator).to(opts.device)
        emb = net(features[batch])
        loss = iaml_loss(emb, labels[batch], margin=cfg.margin, mining=cfg.mining,
                         alpha=cfg.alpha, beta=cfg.beta)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        return {"loss": loss.item()}

    history = run_steps(name, step, cfg.steps, config={"seed": seed, **vars(cfg)},
                        modules={"net": net}, optimizers={"net": optimizer},
                        generator=generator, opts=opts)
    return net.eval(), history


def embed(net: nn.Module, features: torch.Tensor, batch_size: int = 4096) -> torch.Tensor:
    """Embeddings of ``features`` in eval mode, on the CPU."""
    device = next(net.parameters()).device
    with evaluating(net):
        return torch.cat([net(features[i : i + batch_size].to(device)).cpu()
                          for i in range(0, len(features), batch_size)])


# ---------------------------------------------------------------- (e, f) SPAL


def build_transform(cfg: SpalConfig, dim: int, normalize: bool) -> Transform:
    """T as ``cfg`` describes it, on embeddings of width ``dim``."""
    return Transform(dim, cfg.transform_hidden, cfg.residual, normalize, cfg.transform_batchnorm,
                     cfg.transform_output)


def build_discriminator(cfg: SpalConfig, dim: int) -> Discriminator:
    """D as ``cfg`` describes it, on embeddings of width ``dim``."""
    return Discriminator(dim, cfg.disc_hidden, cfg.disc_spectral_norm)


def train_spal(
    sketch_net: MetricNet,
    sketch_features: torch.Tensor,
    sketch_labels: torch.Tensor,
    shape_net: MetricNet,
    shape_features: torch.Tensor,
    shape_labels: torch.Tensor,
    cfg: SpalConfig,
    metric: MetricConfig,
    seed: int,
    opts: RunOptions,
    transform: Transform | None = None,
    discriminator: Discriminator | None = None,
    name: str = "spal",
) -> tuple[Transform, Discriminator, list[dict]]:
    """Stage (e): semantics preserving adversarial learning.

    Each step draws P classes present in both modalities and K sketches and
    K shapes of each. With fake = T(sketch embedding), real = shape embedding:

    * D minimises the discriminator loss (real vs fake), plus
      ``gradient_penalty`` times the R1 penalty, ``disc_steps`` times per step
      (the extra steps on fresh batches);
    * T minimises ``adversarial_weight * generator loss(D(fake))
      + cmd_weight * CMD(fake, real) + metric_weight * IAML(fake ...)``, the
      metric loss with transformed sketches as anchors and shapes as positives
      and negatives (``metric_pairs="sketch-shape"``) or among the transformed
      sketches (``"sketch-sketch"``).

    The sketch and shape metric nets are frozen when ``cfg.sketch_lr`` /
    ``cfg.shape_lr`` are 0 (the default); otherwise they learn with that rate,
    each also keeping its own IAML loss within its modality (stage (f) sets both).
    ``cfg.input_dropout`` and ``cfg.input_noise`` perturb the sketch embeddings T
    learns from (:func:`perturb`). Pass ``transform`` and ``discriminator`` to
    continue training them.
    """
    torch.manual_seed(seed)
    generator = torch.Generator().manual_seed(seed)
    device = opts.device
    sketch_labels, shape_labels, sketch_index, shape_index, classes = cross_modal_classes(
        sketch_labels, shape_labels)
    sketch_features, shape_features = sketch_features.to(device), shape_features.to(device)
    sketch_labels, shape_labels = sketch_labels.to(device), shape_labels.to(device)

    dim = shape_net.out_features
    transform = transform or build_transform(cfg, dim, metric.normalize)
    discriminator = discriminator or build_discriminator(cfg, dim)
    transform, discriminator = transform.to(device).train(), discriminator.to(device).train()
    modules = {"transform": transform, "discriminator": discriminator}
    optimizers = {"transform": make_adam(transform.parameters(), cfg.lr),
                  "discriminator": make_adam(discriminator.parameters(), cfg.disc_lr)}
    for key, net, lr in (("sketch_net", sketch_net, cfg.sketch_lr), ("shape_net", shape_net, cfg.shape_lr)):
        net.to(device).train(lr > 0).requires_grad_(lr > 0)
        if lr > 0:
            modules[key] = net
            optimizers[key] = make_adam(net.parameters(), lr)
    adversarial = cfg.adversarial_weight > 0

    def metric_loss(emb, labels, ref_emb=None, ref_labels=None):
        return iaml_loss(emb, labels, ref_emb, ref_labels, margin=metric.margin, mining=metric.mining,
                         alpha=metric.alpha, beta=metric.beta)

    # a frozen metric net embeds every item once; a learning one embeds each batch
    frozen = {net: embed(net, features).to(device) for net, features, lr in
              ((sketch_net, sketch_features, cfg.sketch_lr), (shape_net, shape_features, cfg.shape_lr)) if lr == 0}

    def embedded(net, features, rows):
        return frozen[net][rows] if net in frozen else net(features[rows])

    def draw():
        """One batch: sketch and shape indices, their embeddings, and T's output."""
        batch_classes = sample_classes(classes, cfg.classes_per_batch, generator)
        s = sample_pk(sketch_index, batch_classes, cfg.samples_per_class, generator).to(device)
        x = sample_pk(shape_index, batch_classes, cfg.samples_per_class, generator).to(device)
        sketch_emb, real = embedded(sketch_net, sketch_features, s), embedded(shape_net, shape_features, x)
        fake = transform(perturb(sketch_emb, cfg.input_dropout, cfg.input_noise, generator))
        return s, x, sketch_emb, real, fake

    def discriminator_step(real, fake) -> dict:
        real_logits, fake_logits = discriminator(real.detach()), discriminator(fake.detach())
        d_loss = discriminator_loss(real_logits, fake_logits, cfg.gan)
        if cfg.gradient_penalty:
            d_loss = d_loss + cfg.gradient_penalty * gradient_penalty(discriminator, real)
        optimizers["discriminator"].zero_grad(set_to_none=True)
        d_loss.backward()
        optimizers["discriminator"].step()
        return {"d_loss": d_loss.item(), "d_accuracy": discriminator_accuracy(real_logits, fake_logits)}

    def step(i: int) -> dict:
        record = {}
        if adversarial:
            for _ in range(cfg.disc_steps - 1):  # the extra D steps, each on a batch of its own
                with torch.no_grad():
                    _, _, _, real, fake = draw()
                discriminator_step(real, fake)
        s, x, sketch_emb, real, fake = draw()
        if adversarial:
            record.update(discriminator_step(real, fake))

        # T step (and the metric nets when they learn)
        g_loss = generator_loss(discriminator(fake), cfg.gan) if adversarial else fake.sum() * 0
        c_loss = cmd_loss(fake, sketch_labels[s], real, shape_labels[x], squared=cfg.cmd_squared,
                          reduction=cfg.cmd_reduction)
        if cfg.metric_pairs == "sketch-shape":
            m_loss = metric_loss(fake, sketch_labels[s], real, shape_labels[x])
        else:
            m_loss = metric_loss(fake, sketch_labels[s])
        loss = cfg.adversarial_weight * g_loss + cfg.cmd_weight * c_loss + cfg.metric_weight * m_loss
        if cfg.sketch_lr > 0:  # a learning metric net keeps its own metric loss, within its modality
            loss = loss + metric_loss(sketch_emb, sketch_labels[s])
        if cfg.shape_lr > 0:
            loss = loss + metric_loss(real, shape_labels[x])
        for key, optimizer in optimizers.items():
            if key != "discriminator":
                optimizer.zero_grad(set_to_none=True)
        loss.backward()
        for key, optimizer in optimizers.items():
            if key != "discriminator":
                optimizer.step()
        record.update(loss=loss.item(), g_loss=g_loss.item(), cmd=c_loss.item(), metric=m_loss.item())
        return record

    config = {"seed": seed, "spal": vars(cfg), "metric": vars(metric)}
    history = run_steps(name, step, cfg.steps, config=config, modules=modules, optimizers=optimizers,
                        generator=generator, opts=opts)
    for net in (transform, discriminator, sketch_net, shape_net):
        net.eval().requires_grad_(True)
    return transform, discriminator, history


# ---------------------------------------------------------------- baseline


def train_joint_embedding(
    sketch_features: torch.Tensor,
    sketch_labels: torch.Tensor,
    shape_features: torch.Tensor,
    shape_labels: torch.Tensor,
    cfg: JointConfig,
    seed: int,
    opts: RunOptions,
    mining: str = "batch_hard",
    name: str = "joint_triplet",
    alpha: float = 30.0,
    beta: float = 30.0,
) -> tuple[MetricNet, MetricNet, list[dict]]:
    """Baseline: two metric nets trained together into one joint space with a cross-modal
    metric loss (sketch anchors, shape positives and negatives): the triplet loss with
    ``mining`` (``"batch_hard"``: the plain baseline; ``"importance"``: IAML with
    sharpness ``alpha``, ``beta``)."""
    torch.manual_seed(seed)
    generator = torch.Generator().manual_seed(seed)
    device = opts.device
    sketch_labels, shape_labels, sketch_index, shape_index, classes = cross_modal_classes(
        sketch_labels, shape_labels)
    sketch_features, shape_features = sketch_features.to(device), shape_features.to(device)
    sketch_labels, shape_labels = sketch_labels.to(device), shape_labels.to(device)

    sketch_net = MetricNet(sketch_features.shape[1], cfg.hidden, cfg.out_features, cfg.normalize).to(device)
    shape_net = MetricNet(shape_features.shape[1], cfg.hidden, cfg.out_features, cfg.normalize).to(device)
    optimizer = make_adam([*sketch_net.parameters(), *shape_net.parameters()], cfg.lr)

    def step(i: int) -> dict:
        batch_classes = sample_classes(classes, cfg.classes_per_batch, generator)
        s = sample_pk(sketch_index, batch_classes, cfg.samples_per_class, generator).to(device)
        x = sample_pk(shape_index, batch_classes, cfg.samples_per_class, generator).to(device)
        loss = iaml_loss(sketch_net(sketch_features[s]), sketch_labels[s], shape_net(shape_features[x]),
                         shape_labels[x], margin=cfg.margin, mining=mining, alpha=alpha, beta=beta)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        return {"loss": loss.item()}

    sharpness = {"alpha": alpha, "beta": beta} if mining == "importance" else {}
    history = run_steps(name, step, cfg.steps, config={"seed": seed, **vars(cfg), "joint_mining": mining, **sharpness},
                        modules={"sketch_net": sketch_net, "shape_net": shape_net},
                        optimizers={"joint": optimizer}, generator=generator, opts=opts)
    return sketch_net.eval(), shape_net.eval(), history
