"""The in-browser demo's export (sbsr.demo.export): ONNX embeddings equal PyTorch's, same rankings.

The models here are untrained but not trivial: random weights and random
batch-norm statistics, a gallery of 300 shapes, and as queries the line
drawings of sbsr.data.drawings rasterised as the demo rasterises a drawing.
The tolerances are those of sbsr.demo.export: any embedding component within
EMB_TOLERANCE of PyTorch's, and top-10 lists equal up to ties (distances within
TIE_TOLERANCE may come in either order).
"""

from __future__ import annotations

import gzip
import importlib.util
from pathlib import Path

import numpy as np
import pytest
import torch

from sbsr.data.drawings import DRAWINGS
from sbsr.demo.export import (
    EMB_TOLERANCE,
    ONNX_FILE,
    check_export,
    export_web_demo,
    load_manifest,
    onnx_embedder,
    read_sheet,
    same_ranking,
)
from sbsr.demo.model import DemoModel, Gallery, Queries, SketchEmbedder, Variant
from sbsr.models import MetricNet, Transform
from sbsr.models.backbones import CompactCNN

ROOT = Path(__file__).resolve().parent.parent
SIZE = 64
SHAPES = 300
CLASSES = [f"class{i}" for i in range(12)]


def randomised(module: torch.nn.Module, seed: int) -> torch.nn.Module:
    """``module`` with random weights and batch-norm statistics, in eval mode."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, tensor in module.state_dict().items():
            if tensor.is_floating_point():
                values = torch.rand(tensor.shape, generator=g) + 0.5 if "running_var" in name else \
                    torch.randn(tensor.shape, generator=g) * 0.3
                tensor.copy_(values)
    return module.eval()


def demo_model(transforms: dict[str, Transform | None], seed: int = 0) -> DemoModel:
    rng = np.random.default_rng(seed)
    cnn = randomised(CompactCNN(1, (8, 16, 32)), seed)
    metric = randomised(MetricNet(cnn.out_features, (64,), 32), seed + 1)
    shape_emb = rng.normal(size=(SHAPES, 32)).astype(np.float32)
    shape_emb /= np.linalg.norm(shape_emb, axis=1, keepdims=True)
    variants = {name: Variant(SketchEmbedder(cnn, metric, randomised(t, seed + 2) if t else None), shape_emb)
                for name, t in transforms.items()}
    labels = rng.integers(0, len(CLASSES), SHAPES)
    gallery = Gallery(CLASSES, [str(i) for i in range(SHAPES)], labels,
                      rng.integers(0, 256, (SHAPES, 32, 32), dtype=np.uint8), [Path("none")] * SHAPES)
    sketches = drawings()[:24]
    queries = Queries([str(i) for i in range(len(sketches))], np.arange(len(sketches)) % len(CLASSES), sketches)
    return DemoModel(variants, gallery, queries, SIZE)


def drawings() -> np.ndarray:
    return np.stack([d.image(SIZE) for d in DRAWINGS])


@pytest.mark.parametrize("transform", [
    Transform(32, (16, 8, 16)),
    Transform(32, (48,), residual=True),
    Transform(32, (16,), normalize=False),
], ids=["bottleneck", "residual", "unnormalised"])
def test_onnx_embeddings_and_rankings_match_pytorch(tmp_path, transform):
    model = demo_model({"no_adaptation": None, "full": transform})
    export_web_demo(model, tmp_path)
    report = check_export(model, tmp_path, drawings(), k=10)
    assert set(report) == {"no_adaptation", "full"}
    for name, r in report.items():
        assert r["max_abs_diff"] <= EMB_TOLERANCE, (name, r)
        assert r["same_top"] == r["queries"] == len(DRAWINGS), (name, r)


def test_variants_with_the_same_weights_are_stored_once(tmp_path):
    # the demo file holds one metric net per variant; equal weights must not double the file
    model = demo_model({"no_adaptation": None, "full": Transform(32, (16,))})
    e = model.variants["no_adaptation"].embed_sketch
    copy = MetricNet(e.cnn.out_features, (64,), 32).eval()
    copy.load_state_dict(e.metric_net.state_dict())
    model.variants["no_adaptation"] = Variant(SketchEmbedder(e.cnn, copy), model.variants["no_adaptation"].shape_emb)
    export_web_demo(model, tmp_path / "shared")
    alone = demo_model({"no_adaptation": None})
    export_web_demo(alone, tmp_path / "alone")
    shared_size = (tmp_path / "shared" / ONNX_FILE).stat().st_size
    alone_size = (tmp_path / "alone" / ONNX_FILE).stat().st_size
    transform_bytes = sum(p.numel() * 4 for p in Transform(32, (16,)).parameters())
    assert shared_size < alone_size + 2 * transform_bytes + 20_000  # not a second CNN and metric net
    assert sorted(p.name for p in (tmp_path / "shared").glob("shapes-*.f32")) == ["shapes-0.f32"]
    assert set(onnx_embedder(tmp_path / "shared")(drawings()[:2])) == {"no_adaptation", "full"}


def test_manifest_and_sheets_read_back(tmp_path):
    model = demo_model({"no_adaptation": None, "full": Transform(32, (16,))})
    manifest = export_web_demo(model, tmp_path, queries_per_class=1)
    assert load_manifest(tmp_path) == manifest
    assert manifest["classes"] == CLASSES and manifest["model_ids"] == model.gallery.model_ids
    assert [v["name"] for v in manifest["variants"]] == ["no_adaptation", "full"]
    emb = np.fromfile(tmp_path / manifest["variants"][1]["shapes"], dtype="<f4").reshape(SHAPES, manifest["dim"])
    np.testing.assert_array_equal(emb, model.variants["full"].shape_emb)
    q = manifest["queries"]
    picked = [model.queries.ids.index(i) for i in q["ids"]]
    assert sorted(set(q["labels"])) == sorted(set(model.queries.labels.tolist()))  # one per class
    images = read_sheet(tmp_path / q["file"], q["size"], q["columns"], len(picked))
    np.testing.assert_array_equal(images, model.queries.images[picked])  # exact pixels
    t = manifest["thumbnails"]
    thumbs = read_sheet(tmp_path / t["file"], t["size"], t["columns"], SHAPES)
    np.testing.assert_array_equal(thumbs, model.gallery.thumbnails)


def test_the_books_gzipped_copy_reads_as_the_export(tmp_path):
    """The book serves the ONNX file and the shape embeddings gzip-compressed (book/_ext/draw_assets.py)."""
    spec = importlib.util.spec_from_file_location("draw_assets", ROOT / "book" / "_ext" / "draw_assets.py")
    draw_assets = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(draw_assets)
    model = demo_model({"no_adaptation": None, "full": Transform(32, (16,))})
    export_web_demo(model, tmp_path / "web")
    draw_assets.pack(tmp_path / "web", tmp_path / "served")
    manifest = load_manifest(tmp_path / "served")
    assert manifest["model"] == ONNX_FILE + ".gz" and [v["shapes"] for v in manifest["variants"]] == ["shapes-0.f32.gz"] * 2
    assert sorted(p.name for p in (tmp_path / "served").iterdir()) == sorted(
        ["demo.json", "queries.png", "thumbs.png", "shapes-0.f32.gz", ONNX_FILE + ".gz"])
    emb = np.frombuffer(gzip.decompress((tmp_path / "served" / "shapes-0.f32.gz").read_bytes()), "<f4")
    np.testing.assert_array_equal(emb.reshape(SHAPES, -1), model.variants["full"].shape_emb)
    images = drawings()[:4]
    served, exported = onnx_embedder(tmp_path / "served")(images), onnx_embedder(tmp_path / "web")(images)
    for name in ("no_adaptation", "full"):
        np.testing.assert_array_equal(served[name], exported[name])


def test_same_ranking_allows_only_ties():
    distances = np.array([0.1, 0.2, 0.20005, 0.5, 0.9])
    assert same_ranking(np.array([0, 2, 1]), np.array([0, 1, 2]), distances)  # a tie swapped
    assert not same_ranking(np.array([0, 3, 1]), np.array([0, 1, 2]), distances)  # a different shape
    assert not same_ranking(np.array([0, 0, 1]), np.array([0, 1, 2]), distances)  # a repeat


def test_bad_input_is_a_clear_error(tmp_path):
    model = demo_model({"full": None})
    model.variants["full"] = Variant(lambda images: np.zeros((len(images), 32)), model.variants["full"].shape_emb)
    with pytest.raises(ValueError, match="variant 'full': only a SketchEmbedder"):
        export_web_demo(model, tmp_path)
    with pytest.raises(FileNotFoundError, match="demo.json does not exist"):
        load_manifest(tmp_path / "nowhere")
    (tmp_path / "demo.json").write_text('{"format": "other"}')
    with pytest.raises(ValueError, match="not an sbsr web demo"):
        load_manifest(tmp_path)


def test_check_export_compares_with_the_embeddings_it_is_given(tmp_path):
    model = demo_model({"no_adaptation": None, "full": Transform(32, (16,))})
    export_web_demo(model, tmp_path)
    images = drawings()[:10]
    given = {name: v.embed_sketch(images) for name, v in model.variants.items()}
    assert check_export(model, tmp_path, images, torch_embeddings=given) == check_export(model, tmp_path, images)
    moved = {name: e + 0.5 for name, e in given.items()}
    assert check_export(model, tmp_path, images, torch_embeddings=moved)["full"]["max_abs_diff"] > 0.4


@pytest.mark.book
def test_the_books_export_matches_its_checkpoint_on_every_test_sketch():
    """The files the built book serves, against the demo file chapter 07 exported them from."""
    import json

    from sbsr.demo import load_demo_model

    root = Path(__file__).resolve().parent.parent
    served, results = root / "_build" / "html" / "_static" / "draw" / "model", root / "runs" / "07_demo" / "results.json"
    if not (served / "demo.json").is_file() or not results.is_file():
        pytest.fail(f"{served / 'demo.json'} or {results} is missing: run `make book` first")
    model = load_demo_model(json.loads(results.read_text())["web_demo"]["checkpoint"])
    assert load_manifest(served)["model_ids"] == model.gallery.model_ids
    for name, r in check_export(model, served, model.queries.images).items():
        assert r["max_abs_diff"] <= EMB_TOLERANCE, (name, r)
        assert r["same_top"] == r["queries"] == len(model.queries.ids), (name, r)
