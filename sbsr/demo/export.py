"""The demo model for a web page: the sketch branch as ONNX, the gallery as plain files.

:func:`export_web_demo` writes into one folder what the book's in-browser demo
(``book/_static/draw/draw.js``) needs to answer a sketch with no Python running:

* ``sketch.onnx``: uint8 sketches ``(N, H, W)`` in (input ``sketches``), one
  embedding ``(N, D)`` out per variant, named after it. It is the demo file's own
  modules traced by PyTorch's exporter: the input conversion of training
  (:func:`sbsr.train.stages.encoder_input`), the sketch CNN, the sketch metric
  net, and T for a variant that has one (:class:`~sbsr.demo.model.SketchEmbedder`).
  Modules of two variants that hold the same weights are stored once.
* ``shapes-<i>.f32``: shape embeddings, little-endian float32 ``(M, D)``, one file
  per distinct array (the variants of a DCA model share theirs: T maps sketches only).
* ``thumbs.png``: the gallery's thumbnails in one sheet, in gallery order.
* ``queries.png``: test sketches for the page's picker, in one sheet (PNG keeps
  every pixel, so the page feeds the network exactly these sketches).
* ``demo.json``: the rest (class names, model ids, labels, the variants and their
  files, the sheets' layout, the query ids) and the constants of
  :func:`sbsr.strokes.rasterize`, which the page's rasteriser reads.

The book serves ``sketch.onnx`` and the ``shapes-<i>.f32`` files gzip-compressed
(``NAME.gz``, so named in its copy of ``demo.json``; ``book/_ext/draw_assets.py``);
the page unpacks a file whose name ends in ``.gz``, and :func:`onnx_embedder`
reads such a copy too.

The exporter is PyTorch's TorchScript-based one (``dynamo=False``): it exports
with every torch release sbsr supports (2.4 to 2.14) and needs only the
``onnx`` package; the torch.export-based exporter needs ``onnxscript`` too and
is the default only from torch 2.9.
"""

from __future__ import annotations

import gzip
import io
import json
import math
import warnings
from pathlib import Path

import numpy as np
import torch
from PIL import Image
from torch import nn

from sbsr import strokes
from sbsr.data.drawings import CANVAS_SIZE
from sbsr.demo.model import VARIANT_LABELS, DemoModel, SketchEmbedder
from sbsr.io import write_bytes, write_json
from sbsr.train.stages import encoder_input

FORMAT = "sbsr-web-demo/1"
MANIFEST = "demo.json"
ONNX_FILE = "sketch.onnx"
INPUT = "sketches"
OPSET = 17  # onnxruntime-web 1.18 runs opsets up to 20
#: Embeddings of the exported model and of PyTorch may differ by this much in any
#: component (float32 kernels add in different orders); both are about 1e-7 in practice.
EMB_TOLERANCE = 1e-4
#: Two distances closer than this count as a tie, and either order is the same ranking.
TIE_TOLERANCE = 1e-4


class SketchBranch(nn.Module):
    """uint8 sketches ``(N, H, W)`` -> a tuple of embeddings, one per variant (the exported graph)."""

    def __init__(self, embedders: list[SketchEmbedder]):
        super().__init__()
        self.embedders = nn.ModuleList(embedders)

    def forward(self, images: torch.Tensor) -> tuple[torch.Tensor, ...]:
        return tuple(e(encoder_input(e.cnn, images)) for e in self.embedders)


def _same_weights(a: nn.Module | None, b: nn.Module | None) -> bool:
    if a is b:
        return True
    if a is None or b is None or type(a) is not type(b):
        return False
    sa, sb = a.state_dict(), b.state_dict()
    return sa.keys() == sb.keys() and all(torch.equal(sa[k], sb[k]) for k in sa)


def sketch_branch(model: DemoModel) -> tuple[list[str], SketchBranch]:
    """The variants' names and their sketch embedders as one module, equal modules shared."""
    names, embedders, seen = [], [], []

    def shared(module):
        for other in seen:
            if _same_weights(module, other):
                return other
        seen.append(module)
        return module

    for name, variant in model.variants.items():
        e = variant.embed_sketch
        if not isinstance(e, SketchEmbedder):
            raise ValueError(f"variant {name!r}: only a SketchEmbedder (a trained demo model) can be "
                             f"exported, got {type(e).__name__}")
        parts = [shared(m) if m is not None else None for m in (e.cnn, e.metric_net, e.transform)]
        names.append(name)
        embedders.append(SketchEmbedder(*parts))
    return names, SketchBranch(embedders).eval()


def export_onnx(model: DemoModel, path: str | Path) -> list[str]:
    """Write the sketch branch of every variant of ``model`` to ``path`` (ONNX); returns the output names."""
    names, branch = sketch_branch(model)
    example = torch.full((2, model.image_size, model.image_size), 255, dtype=torch.uint8)
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        # the choice of exporter is deliberate (module docstring): no notice of its deprecation
        warnings.filterwarnings("ignore", "You are using the legacy TorchScript-based ONNX export")
        warnings.filterwarnings("ignore", "The feature will be removed", DeprecationWarning)
        torch.onnx.export(
            branch, (example,), buffer, dynamo=False, opset_version=OPSET,
            input_names=[INPUT], output_names=names,
            dynamic_axes={INPUT: {0: "n"}, **{n: {0: "n"} for n in names}},
        )
    write_bytes(path, buffer.getvalue())
    return names


def sheet(images: np.ndarray) -> tuple[bytes, int]:
    """uint8 ``(N, h, w)`` images as one grey PNG of rows, left to right; returns it and its columns."""
    n, h, w = images.shape
    columns = max(1, math.ceil(math.sqrt(n)))
    rows = math.ceil(n / columns)
    grid = np.full((rows * h, columns * w), 255, np.uint8)
    for i, image in enumerate(images):
        r, c = divmod(i, columns)
        grid[r * h:(r + 1) * h, c * w:(c + 1) * w] = image
    buffer = io.BytesIO()
    Image.fromarray(grid, mode="L").save(buffer, format="PNG", optimize=True)
    return buffer.getvalue(), columns


def picker_queries(model: DemoModel, per_class: int) -> np.ndarray:
    """Indices of the first ``per_class`` test sketches of each class, in class order."""
    if per_class < 1:
        raise ValueError(f"queries_per_class={per_class!r}: expected at least 1")
    labels = model.queries.labels
    return np.concatenate([np.flatnonzero(labels == c)[:per_class] for c in range(len(model.gallery.classes))])


def export_web_demo(model: DemoModel, out_dir: str | Path, queries_per_class: int = 2) -> dict:
    """Write the in-browser demo's files for ``model`` into ``out_dir`` (module docstring).

    Returns the manifest written to ``demo.json``.
    """
    out_dir = Path(out_dir)
    names = export_onnx(model, out_dir / ONNX_FILE)
    shape_files, variants = [], []
    for name in names:
        emb = np.ascontiguousarray(model.variants[name].shape_emb, dtype="<f4")
        for i, other in enumerate(shape_files):
            if np.array_equal(other, emb):
                break
        else:
            i = len(shape_files)
            shape_files.append(emb)
            write_bytes(out_dir / f"shapes-{i}.f32", emb.tobytes())
        variants.append({"name": name, "label": VARIANT_LABELS.get(name, name), "shapes": f"shapes-{i}.f32"})

    gallery, queries = model.gallery, model.queries
    thumbs, thumb_columns = sheet(np.asarray(gallery.thumbnails))
    write_bytes(out_dir / "thumbs.png", thumbs)
    picked = picker_queries(model, queries_per_class)
    query_png, query_columns = sheet(np.asarray(queries.images)[picked])
    write_bytes(out_dir / "queries.png", query_png)

    manifest = {
        "format": FORMAT,
        "model": ONNX_FILE,
        "input": INPUT,
        "image_size": model.image_size,
        "dim": int(shape_files[0].shape[1]),
        "variants": variants,
        "classes": list(gallery.classes),
        "model_ids": [str(i) for i in gallery.model_ids],
        "labels": [int(x) for x in gallery.labels],
        "thumbnails": {"file": "thumbs.png", "size": int(gallery.thumbnails.shape[1]), "columns": thumb_columns},
        "queries": {"file": "queries.png", "size": model.image_size, "columns": query_columns,
                    "ids": [str(queries.ids[i]) for i in picked], "labels": [int(queries.labels[i]) for i in picked]},
        "canvas_size": CANVAS_SIZE,
        "rasterize": {"line_width": strokes.LINE_WIDTH, "margin": strokes.MARGIN,
                      "supersample": strokes.SUPERSAMPLE},
    }
    write_json(out_dir / MANIFEST, manifest)
    return manifest


# ---------------------------------------------------------------- checking an export


def read_sheet(path: str | Path, size: int, columns: int, count: int) -> np.ndarray:
    """The ``count`` images of a sheet written by :func:`sheet`, as uint8 ``(count, size, size)``."""
    grid = np.asarray(Image.open(path).convert("L"))
    return np.stack([grid[r * size:(r + 1) * size, c * size:(c + 1) * size]
                     for r, c in (divmod(i, columns) for i in range(count))])


def onnx_embedder(out_dir: str | Path):
    """``images -> {variant: embeddings}`` with onnxruntime on the exported ``sketch.onnx``
    (or ``sketch.onnx.gz``, as the book serves it)."""
    import onnxruntime

    path = Path(out_dir) / ONNX_FILE
    packed = path.with_name(ONNX_FILE + ".gz")
    if path.is_file():
        model = str(path)
    elif packed.is_file():
        model = gzip.decompress(packed.read_bytes())
    else:
        raise FileNotFoundError(f"{path} does not exist: export the demo first (export_web_demo)")
    session = onnxruntime.InferenceSession(model, providers=["CPUExecutionProvider"])
    names = [o.name for o in session.get_outputs()]

    def embed(images: np.ndarray) -> dict[str, np.ndarray]:
        return dict(zip(names, session.run(None, {INPUT: np.ascontiguousarray(images, dtype=np.uint8)})))

    return embed


def same_ranking(ranked: np.ndarray, reference: np.ndarray, distances: np.ndarray,
                 tolerance: float = TIE_TOLERANCE) -> bool:
    """Whether two top-k lists of indices are one ranking: at every rank, the reference
    ``distances`` (to every item) of the two items differ by at most ``tolerance``."""
    ranked, reference = np.asarray(ranked), np.asarray(reference)
    if ranked.shape != reference.shape or len(set(ranked.tolist())) != len(ranked):
        return False
    return bool(np.all(np.abs(distances[ranked] - distances[reference]) <= tolerance))


def check_export(model: DemoModel, out_dir: str | Path, images: np.ndarray, k: int = 10,
                 torch_embeddings: dict[str, np.ndarray] | None = None) -> dict:
    """Embed ``images`` with the export (onnxruntime) and with PyTorch, per variant: the largest
    difference of any embedding component and how many top-``k`` lists are the same ranking.

    ``torch_embeddings``: the variants' PyTorch embeddings of ``images``, if already computed.
    """
    from sbsr.retrieval import RetrievalIndex

    exported = onnx_embedder(out_dir)(images)
    report = {}
    for name, variant in model.variants.items():
        torch_emb = variant.embed_sketch(images) if torch_embeddings is None else torch_embeddings[name]
        index = RetrievalIndex(variant.shape_emb, model.gallery.model_ids, model.gallery.labels)
        ours, _ = index.topk(exported[name], k)
        theirs, _ = index.topk(torch_emb, k)
        distances = index.distances(torch_emb)
        same = sum(same_ranking(a, b, d) for a, b, d in zip(ours, theirs, distances))
        report[name] = {"max_abs_diff": float(np.abs(exported[name] - torch_emb).max()),
                        "same_top": int(same), "queries": len(images), "k": k}
    return report


def load_manifest(out_dir: str | Path) -> dict:
    """The ``demo.json`` of an export; a clear error when it is missing or of another format."""
    path = Path(out_dir) / MANIFEST
    if not path.is_file():
        raise FileNotFoundError(f"{path} does not exist: export the demo first (export_web_demo)")
    manifest = json.loads(path.read_text())
    if manifest.get("format") != FORMAT:
        raise ValueError(f"{path}: not an sbsr web demo (expected format {FORMAT!r})")
    return manifest
