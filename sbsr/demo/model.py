"""What the demo needs from a trained model, and the file it is saved in.

The app sees a :class:`DemoModel`: per variant (``"no_adaptation"``,
``"full"``), a function that embeds uint8 sketches and the embeddings of
every target shape; plus the gallery (class names, model ids, thumbnails,
mesh files) and the test sketches to pick from. Anything that provides these
works, a trained DCA model or a toy one in a test.

A demo file (:func:`save_demo_model`, :func:`load_demo_model`) holds the
training config, the weights of the sketch side (CNN, metric net, T) and
the shape embeddings of each variant, and the benchmark folder; loading it
rebuilds the networks from the config and reads thumbnails and test
sketches from the benchmark (both cached by :mod:`sbsr.data`). It loads with
``torch.load(..., weights_only=True)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import torch
from torch import nn

from sbsr.train.stages import encoder_input

FORMAT = "sbsr-demo/1"
#: How the app and the web page name the variants.
VARIANT_LABELS = {"no_adaptation": "no adaptation", "full": "full model (SPAL)"}
#: The command that writes the default demo file.
MAKE_IT = "make demo (or: sbsr demo --data DIR --checkpoint FILE)"


@dataclass
class Variant:
    """One model variant: sketches -> embeddings, and the shape embeddings they are compared with."""

    embed_sketch: Callable[[np.ndarray], np.ndarray]  # uint8 (N, H, W) -> (N, D)
    shape_emb: np.ndarray  # (M, D)


@dataclass
class Gallery:
    """The target shapes, in the order of the shape embeddings."""

    classes: list[str]  # class names; labels index them
    model_ids: list[str]
    labels: np.ndarray  # (M,) int
    thumbnails: np.ndarray  # uint8 (M, h, w), white background
    mesh_paths: list[Path]


@dataclass
class Queries:
    """Sketches to pick from (the benchmark's test split)."""

    ids: list[str]
    labels: np.ndarray  # (Q,) int, into Gallery.classes
    images: np.ndarray  # uint8 (Q, H, W)


@dataclass
class DemoModel:
    variants: dict[str, Variant]
    gallery: Gallery
    queries: Queries
    image_size: int  # side of the sketches embed_sketch expects

    def __post_init__(self):
        if not self.variants:
            raise ValueError("a DemoModel needs at least one variant")
        m = len(self.gallery.model_ids)
        for name, variant in self.variants.items():
            if len(variant.shape_emb) != m:
                raise ValueError(f"variant {name!r}: {len(variant.shape_emb)} shape embeddings for {m} models")
        if len(self.gallery.thumbnails) != m or len(self.gallery.mesh_paths) != m or len(self.gallery.labels) != m:
            raise ValueError("gallery: model ids, labels, thumbnails and mesh paths differ in length")


    def class_in_top(self, images: np.ndarray, class_names: list[str], k: int = 10) -> dict[str, np.ndarray]:
        """Per variant, whether each sketch's class (by name) is among the classes of its
        ``k`` nearest shapes: the measure of the hand drawings (:mod:`sbsr.data.drawings`)."""
        unknown = sorted(set(class_names) - set(self.gallery.classes))
        if unknown:
            raise ValueError(f"classes not in the gallery: {', '.join(unknown)}")
        labels = np.array([self.gallery.classes.index(name) for name in class_names])
        hits = {}
        for name, variant in self.variants.items():
            query = torch.as_tensor(variant.embed_sketch(images), dtype=torch.float64)
            nearest = torch.cdist(query, torch.as_tensor(variant.shape_emb, dtype=torch.float64))
            top = nearest.topk(min(k, nearest.shape[1]), largest=False).indices.numpy()
            hits[name] = (self.gallery.labels[top] == labels[:, None]).any(axis=1)
        return hits


class SketchEmbedder(nn.Module):
    """uint8 sketches -> embeddings: converted as in training
    (:func:`sbsr.train.stages.encoder_input`), the CNN, the metric net, T if any."""

    def __init__(self, cnn: nn.Module, metric_net: nn.Module, transform: nn.Module | None = None):
        super().__init__()
        self.cnn, self.metric_net, self.transform = cnn, metric_net, transform
        self.eval()

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        emb = self.metric_net(self.cnn(images))
        return self.transform(emb) if self.transform is not None else emb

    def __call__(self, images):
        if isinstance(images, torch.Tensor):
            return super().__call__(images)
        images = np.asarray(images)
        if images.dtype != np.uint8 or images.ndim != 3:
            raise ValueError(f"sketches must be uint8 (N, H, W), got {images.dtype} {images.shape}")
        with torch.inference_mode():
            x = encoder_input(self.cnn, images)
            return super().__call__(x).numpy()


# ---------------------------------------------------------------- the demo file


def save_demo_model(
    path: str | Path,
    *,
    config: dict,
    benchmark_root: str | Path,
    sketch_cnn: nn.Module,
    variants: dict[str, tuple[nn.Module, nn.Module | None, torch.Tensor]],
) -> None:
    """Write a demo file. ``variants``: name -> (sketch metric net, T or None, shape embeddings).

    ``config`` is ``TrainConfig.to_dict()`` of the run that trained the nets.
    """
    from sbsr.io import atomic_path

    state = {
        "format": FORMAT,
        "config": config,
        "benchmark": str(Path(benchmark_root).resolve()),
        "sketch_cnn": sketch_cnn.state_dict(),
        "variants": {
            name: {
                "sketch_metric": metric.state_dict(),
                "transform": transform.state_dict() if transform is not None else None,
                "shape_emb": torch.as_tensor(shape_emb, dtype=torch.float32).cpu(),
            }
            for name, (metric, transform, shape_emb) in variants.items()
        },
    }
    with atomic_path(path) as tmp:
        torch.save(state, tmp)


def load_demo_networks(path: str | Path, benchmark_root: str | Path | None = None):
    """The config, benchmark and variants of a demo file (no images loaded).

    Returns ``(config, bench, variants)``. Raises FileNotFoundError naming the
    command that makes the file when it is missing, ValueError when it is not one.
    """
    from sbsr.data.shrec import load_benchmark
    from sbsr.models import MetricNet
    from sbsr.train.config import TrainConfig
    from sbsr.train.stages import build_encoder, build_transform

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"demo model {path} does not exist; make it with: {MAKE_IT}")
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as err:  # torch raises many kinds for a file that is not a checkpoint
        raise ValueError(f"{path}: not a readable demo model file ({type(err).__name__})") from None
    if not isinstance(state, dict) or state.get("format") != FORMAT:
        raise ValueError(f"{path}: not an sbsr demo model file (expected format {FORMAT!r}); make one with: {MAKE_IT}")
    config = TrainConfig.from_dict(state["config"])
    bench = load_benchmark(benchmark_root or state["benchmark"])

    cnn = build_encoder(config.sketch, "sketch")
    cnn.load_state_dict(state["sketch_cnn"])
    metric = config.metric
    variants = {}
    for name, saved in state["variants"].items():
        net = MetricNet(cnn.out_features, metric.hidden, metric.out_features, metric.normalize)
        net.load_state_dict(saved["sketch_metric"])
        transform = None
        if saved["transform"] is not None:
            transform = build_transform(config.spal, metric.out_features, metric.normalize)
            transform.load_state_dict(saved["transform"])
        shape_emb = saved["shape_emb"].numpy()
        if len(shape_emb) != len(bench.models):
            raise ValueError(f"{path}: variant {name!r} has {len(shape_emb)} shape embeddings, but the "
                             f"benchmark at {bench.root} has {len(bench.models)} models")
        variants[name] = Variant(SketchEmbedder(cnn, net, transform), shape_emb)
    return config, bench, variants


def load_demo_model(path: str | Path, benchmark_root: str | Path | None = None, thumbnail_view: int = 0) -> DemoModel:
    """Rebuild a :class:`DemoModel` from a demo file; thumbnails are view ``thumbnail_view`` of the renders."""
    from sbsr.data.datasets import load_sketches
    from sbsr.data.render import load_views

    config, bench, variants = load_demo_networks(path, benchmark_root)
    size = config.sketch.image_size
    views = load_views(bench, config.shape.image_size, mmap=True)
    gallery = Gallery(bench.classes, bench.models.ids, bench.models.labels,
                      np.ascontiguousarray(views[:, thumbnail_view]), bench.models.paths)
    queries = Queries(bench.test.ids, bench.test.labels, load_sketches(bench, "test", size))
    return DemoModel(variants, gallery, queries, size)
