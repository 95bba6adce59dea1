"""The demo app's logic, driven without a browser: drawing, picking, searching, variants, 3D view."""

from __future__ import annotations

import base64
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("ipycanvas")

from sbsr.demo import DemoModel, Gallery, Queries, RetrievalApp, Variant  # noqa: E402

SIZE = 32


def prototype(label: int) -> np.ndarray:
    """Class 0: a horizontal bar, 1: a vertical bar, 2: a box outline (black on white)."""
    image = np.full((SIZE, SIZE), 255, np.uint8)
    if label == 0:
        image[14:18, 4:28] = 0
    elif label == 1:
        image[4:28, 14:18] = 0
    else:
        image[4:28, 4:28] = 0
        image[7:25, 7:25] = 255
    return image


def embed(images: np.ndarray) -> np.ndarray:
    """Ink per 4x4 cell, L2-normalised: a fixed, deterministic 'network'."""
    ink = 1 - images.astype(np.float32) / 255
    cells = ink.reshape(len(images), SIZE // 4, 4, SIZE // 4, 4).mean(axis=(2, 4)).reshape(len(images), -1)
    return cells / np.maximum(np.linalg.norm(cells, axis=1, keepdims=True), 1e-9)


def toy_model(mesh_dir: Path) -> DemoModel:
    """Two shapes per class; 'full' sees shapes as their class prototype, 'no_adaptation' gets them shuffled."""
    import trimesh

    labels = np.array([0, 0, 1, 1, 2, 2])
    paths = []
    for i, label in enumerate(labels):
        paths.append(mesh_dir / f"m{i + 1}.off")
        trimesh.creation.box((1 + label, 1, 0.5 + 0.1 * i)).export(paths[-1])
    thumbs = np.stack([prototype(c) for c in labels])
    good = embed(thumbs)
    shuffled = good[[4, 5, 0, 1, 2, 3]]  # every shape takes another class's place
    gallery = Gallery(["bar", "pole", "frame"], [str(i + 1) for i in range(6)], labels, thumbs, paths)
    queries = Queries(["101", "102", "103"], np.array([0, 1, 2]), np.stack([prototype(c) for c in (0, 1, 2)]))
    variants = {"no_adaptation": Variant(embed, shuffled), "full": Variant(embed, good)}
    return DemoModel(variants, gallery, queries, SIZE)


@pytest.fixture
def app(tmp_path):
    return RetrievalApp(toy_model(tmp_path), k=4, canvas_size=200)


def draw(app, points):
    app.pen_down(*points[0])
    for p in points[1:]:
        app.pen_move(*p)
    app.pen_up(*points[-1])


def test_empty_canvas_gives_a_message_not_an_error(app):
    app.search_button.click()
    assert "canvas is empty" in app.message.value
    assert app.results.children == () and app.last is None


def test_drawn_vertical_line_finds_the_poles_first(app):
    draw(app, [(100, 20), (100, 60), (100, 120), (100, 180)])
    app.search_button.click()
    assert app.last is not None and app.last.classes[:2] == ["pole", "pole"]
    assert len(app.results.children) == 4
    assert "Top 4 of 6 shapes" in app.message.value
    assert app.input_view.value  # the network input is shown


def test_undo_removes_the_last_stroke_and_clear_everything(app):
    draw(app, [(20, 100), (180, 100)])
    draw(app, [(100, 20), (100, 180)])
    assert len(app.strokes) == 2
    app.undo_button.click()
    assert len(app.strokes) == 1
    app.search_button.click()
    assert app.last.classes[0] == "bar"
    app.clear_button.click()
    assert app.strokes == []
    app.search_button.click()
    assert "canvas is empty" in app.message.value


def test_picked_sketch_is_the_query_and_drawing_replaces_it(app):
    app.picker.value = 2  # the 'frame' test sketch
    np.testing.assert_array_equal(app.query_image(), prototype(2))
    app.search_button.click()
    assert app.last.classes[0] == "frame" and "query class: <b>frame</b>" in app.message.value
    app.undo_button.click()  # no strokes: the picked sketch stays the query
    np.testing.assert_array_equal(app.query_image(), prototype(2))
    draw(app, [(20, 100), (180, 100)])
    assert app.picker.value == -1 and len(app.strokes) == 1


def test_back_to_drawing_clears_the_picked_sketch(app, monkeypatch):
    cleared = []
    app.picker.value = 2
    monkeypatch.setattr(app.canvas, "clear", lambda: cleared.append(True))
    app.picker.value = -1  # "(draw on the canvas)"
    assert cleared  # the picked sketch leaves the canvas ...
    assert app.input_view.value == app.blank_png  # ... and the network's input with it
    app.search_button.click()
    assert "canvas is empty" in app.message.value


def test_switching_variant_searches_again(app):
    app.picker.value = 0
    app.variant.value = "full"
    app.search_button.click()
    assert app.last.classes[0] == "bar"
    app.variant.value = "no_adaptation"  # shuffled shape embeddings: other classes come first
    assert app.last.classes[0] == "pole" and "no adaptation" in app.message.value  # bars sit at the poles


def test_clicking_a_result_shows_the_mesh_in_3d(app):
    app.picker.value = 1
    app.search_button.click()
    button = app.results.children[0].children[1]
    button.click()
    outputs = app.viewer.outputs
    assert len(outputs) == 1
    figure = outputs[0]["data"]["application/vnd.plotly.v1+json"]
    faces = figure["data"][0]["i"]  # plotly 6+ sends arrays as base64 with a dtype
    assert figure["data"][0]["type"] == "mesh3d"
    assert len(base64.b64decode(faces["bdata"])) // np.dtype(faces["dtype"]).itemsize == 12  # a box
    assert "pole" in outputs[0]["data"]["text/plain"]


def test_a_missing_mesh_file_is_reported_in_the_viewer(app):
    app.model.gallery.mesh_paths[0].unlink()
    app.show_mesh(0)
    assert "Cannot show m1 (bar)" in app.viewer.outputs[0]["data"]["text/plain"]


def test_model_with_mismatched_embeddings_is_refused(tmp_path):
    model = toy_model(tmp_path)
    with pytest.raises(ValueError, match="variant 'full': 5 shape embeddings for 6 models"):
        DemoModel({"full": Variant(embed, model.variants["full"].shape_emb[:5])}, model.gallery,
                  model.queries, SIZE)


# ---------------------------------------------------------------- the demo file and `sbsr demo`


@pytest.fixture
def saved_demo(mini_tree, tmp_path):
    """Untrained quick-preset nets saved as a demo file over a miniature benchmark, and the nets."""
    import torch

    from sbsr.demo import save_demo_model
    from sbsr.models import MetricNet, Transform
    from sbsr.train.config import preset
    from sbsr.train.stages import build_encoder

    root, config = mini_tree("synth"), preset("quick")
    torch.manual_seed(0)
    cnn = build_encoder(config.sketch, "sketch").eval()
    net = MetricNet(cnn.out_features, config.metric.hidden, config.metric.out_features).eval()
    transform = Transform(config.metric.out_features, config.spal.transform_hidden).eval()
    shape_emb = torch.randn(5, config.metric.out_features)
    path = tmp_path / "demo.pt"
    save_demo_model(path, config=config.to_dict(), benchmark_root=root, sketch_cnn=cnn,
                    variants={"no_adaptation": (net, None, shape_emb), "full": (net, transform, shape_emb)})
    return path, root, (cnn, net, transform, shape_emb)


def test_demo_file_round_trip(saved_demo):
    import torch

    from sbsr.demo import load_demo_model

    path, root, (cnn, net, transform, shape_emb) = saved_demo
    model = load_demo_model(path)
    assert list(model.variants) == ["no_adaptation", "full"]
    assert model.gallery.model_ids == ["1", "2", "3", "4", "5"] and model.gallery.classes == ["chair", "cup", "lamp"]
    assert model.gallery.thumbnails.shape == (5, 64, 64) and model.queries.images.shape == (5, 64, 64)
    np.testing.assert_array_equal(model.variants["full"].shape_emb, shape_emb.numpy())
    images = model.queries.images[:2]
    with torch.no_grad():
        x = 1 - torch.from_numpy(images).float().div(255).unsqueeze(1)  # strokes high, as in training
        expected_plain = net(cnn(x)).numpy()
        expected_full = transform(net(cnn(x))).numpy()
    np.testing.assert_allclose(model.variants["no_adaptation"].embed_sketch(images), expected_plain, atol=1e-5)
    np.testing.assert_allclose(model.variants["full"].embed_sketch(images), expected_full, atol=1e-5)


def test_demo_file_for_another_benchmark_is_refused(saved_demo, mini_tree, tmp_path):
    from sbsr.demo import load_demo_model
    from conftest import build_mini_tree

    path, _, _ = saved_demo
    other = build_mini_tree(tmp_path / "other", "synth", classes=(("chair", 1, 1, 1), ("cup", 1, 1, 1)))
    with pytest.raises(ValueError, match="5 shape embeddings, but the benchmark .* has 2 models"):
        load_demo_model(path, other)


def test_sbsr_demo_uses_an_existing_checkpoint_and_serves_on_localhost(saved_demo, capsys):
    from pathlib import Path as P

    from sbsr.cli import main
    from sbsr.commands.demo import JUPYTER_DIR, voila_command, voila_env

    path, root, _ = saved_demo
    assert main(["demo", "--data", str(root), "--checkpoint", str(path), "--no-serve"]) == 0
    assert capsys.readouterr().out.strip() == str(path)  # found, not retrained
    cmd = voila_command(P("notebooks/demo_app.ipynb"), 8899)
    assert cmd[1:4] == ["-m", "voila", "notebooks/demo_app.ipynb"]
    assert "--Voila.ip=127.0.0.1" in cmd and "--port=8899" in cmd and "--no-browser" in cmd
    assert "--template=sbsr" in cmd and (JUPYTER_DIR / "voila" / "templates" / "sbsr" / "index.html.j2").is_file()
    assert voila_env()["JUPYTER_PATH"].startswith(str(JUPYTER_DIR))  # where Voila looks for templates


def test_sbsr_demo_on_a_missing_folder_is_one_clear_error(tmp_path, capsys):
    from sbsr.cli import main

    assert main(["demo", "--data", str(tmp_path / "nowhere"), "--no-serve"]) == 2
    assert "nowhere: no such benchmark folder" in capsys.readouterr().err


def test_class_in_top_k_per_variant(tmp_path):
    model = toy_model(tmp_path)
    images = np.stack([prototype(c) for c in (0, 1, 2)])
    hits = model.class_in_top(images, ["bar", "pole", "frame"], k=2)
    assert hits["full"].tolist() == [True, True, True]
    assert hits["no_adaptation"].tolist() == [False, False, False]  # shuffled: another class's shapes first
    assert model.class_in_top(images, ["bar", "pole", "frame"], k=6)["no_adaptation"].all()
    with pytest.raises(ValueError, match="classes not in the gallery: cat"):
        model.class_in_top(images, ["bar", "cat", "frame"])
