"""The 12-view renderer: camera geometry, shading, the on-disk cache, resuming, parallel workers."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import trimesh

import sbsr.data.render as render
from sbsr.data.datasets import MultiViewDataset
from sbsr.data.mesh import DegenerateMeshWarning, MeshError, normalize
from sbsr.data.render import (
    RenderSettings,
    camera_rays,
    load_views,
    read_strip,
    render_benchmark,
    render_views,
    view_paths,
)
from sbsr.data.shrec import load_benchmark

SMALL = RenderSettings(size=24)


def test_cameras_every_30_degrees_at_30_degrees_elevation_looking_at_the_origin():
    origins, directions = camera_rays(RenderSettings(size=8))
    eyes = origins.reshape(12, 64, 3)[:, 0]
    np.testing.assert_allclose(np.linalg.norm(directions, axis=1), 1, atol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(eyes, axis=1), 2.5, atol=1e-6)
    azimuth = np.rad2deg(np.arctan2(eyes[:, 1], eyes[:, 0])) % 360
    np.testing.assert_allclose(azimuth, np.arange(12) * 30, atol=1e-4)
    elevation = np.rad2deg(np.arcsin(eyes[:, 2] / 2.5))
    np.testing.assert_allclose(elevation, 30, atol=1e-4)
    central = directions.reshape(12, 8, 8, 3)[:, 3:5, 3:5].mean(axis=(1, 2))
    central /= np.linalg.norm(central, axis=1, keepdims=True)
    np.testing.assert_allclose(central, -eyes / 2.5, atol=1e-5)  # the image centre looks at the origin


def test_unit_sphere_fits_in_every_view_and_views_of_a_sphere_agree():
    views = render_views(normalize(trimesh.creation.icosphere(3)), RenderSettings(size=48))
    assert views.shape == (12, 48, 48) and views.dtype == np.uint8
    for border in (views[:, 0], views[:, -1], views[:, :, 0], views[:, :, -1]):
        assert (border == 255).all()  # a white margin all round
    mask = views < 255
    assert 0.5 < mask.mean() < 0.8  # a disc filling most of the image
    assert (mask != mask[0]).mean() < 0.01  # symmetric about the up axis
    # headlight: the face towards the camera is brightest, the silhouette darkest
    assert views[0, 24, 24] == pytest.approx(255 * 0.8, abs=3)
    assert views[0][mask[0]].min() < 100


def test_up_axis_is_image_up_and_views_turn_counterclockwise():
    cone = normalize(trimesh.creation.cone(radius=0.6, height=2.0))  # apex towards +Z
    mask = render_views(cone, SMALL) < 255
    rows = mask[0].sum(axis=1)
    top, bottom = rows[: 12].sum(), rows[12:].sum()
    assert top < bottom  # the narrow apex is at the top
    # a tower at +Y: on the right in view 0 (camera at +X), on the left in view 6 (camera at -X)
    tower = trimesh.creation.box((0.4, 0.4, 1.6)).apply_translation((0, 0.5, 0))
    stub = trimesh.creation.box((0.4, 0.4, 0.2)).apply_translation((0, -0.5, 0))
    views = render_views(normalize(trimesh.util.concatenate([tower, stub]), "bbox"), SMALL) < 255
    assert views[0][:, 12:].sum() > 3 * views[0][:, :12].sum()
    assert views[6][:, :12].sum() > 3 * views[6][:, 12:].sum()


def test_settings_are_validated_and_keyed():
    for bad in (dict(size=4), dict(num_views=0), dict(distance=0.9), dict(ambient=0.5, diffuse=0.6),
                dict(elevation=90), dict(center="middle")):
        with pytest.raises(ValueError, match=next(iter(bad))):
            RenderSettings(**bad)
    assert RenderSettings(size=64).key() != RenderSettings(size=96).key()
    assert RenderSettings(size=64).key() == RenderSettings(size=64).key()


def test_render_benchmark_caches_and_load_views_stacks(mini_tree):
    bench = load_benchmark(mini_tree())
    report = render_benchmark(bench, SMALL, progress=False)
    assert (report["models"], report["rendered"], report["cached"]) == (5, 5, 0)
    paths = view_paths(bench, SMALL)
    assert all(p.is_file() and p.name.startswith(f"m{i}_") for p, i in zip(paths, bench.models.ids))
    assert render_benchmark(bench, SMALL, progress=False)["rendered"] == 0
    views = load_views(bench, 24)
    assert views.shape == (5, 12, 24, 24) and views.dtype == np.uint8
    np.testing.assert_array_equal(views[2], read_strip(paths[2], 12))
    assert not np.array_equal(views[0], views[2])  # a box is not a sphere
    stacked = list(paths[0].parent.glob("views_*.npy"))
    assert len(stacked) == 1
    np.testing.assert_array_equal(load_views(bench, 24), views)  # from the stacked file
    mapped = load_views(bench, 24, mmap=True)
    assert isinstance(mapped, np.memmap) and not mapped.flags.writeable
    x, y = MultiViewDataset(mapped, bench.models.labels)[2]
    assert torch.equal(x, torch.from_numpy(views[2]).float().unsqueeze(1) / 255) and y == 1


def test_a_changed_mesh_is_rendered_again(mini_tree):
    bench = load_benchmark(mini_tree())
    before = load_views(bench, 24)
    trimesh.creation.icosphere(2).export(bench.models.paths[0], file_type="off")
    report = render_benchmark(bench, SMALL, progress=False)
    assert (report["rendered"], report["cached"]) == (1, 4)
    after = load_views(bench, 24)
    assert not np.array_equal(before[0], after[0])
    np.testing.assert_array_equal(before[1:], after[1:])


def test_views_do_not_depend_on_the_mesh_position_or_scale(mini_tree):
    bench = load_benchmark(mini_tree())
    before = load_views(bench, 24)
    mesh = trimesh.load(bench.models.paths[3], process=False)
    mesh.apply_scale(5.0).apply_translation((3, -2, 8)).export(bench.models.paths[3], file_type="off")
    assert np.abs(load_views(bench, 24)[3].astype(int) - before[3]).max() <= 1


def test_workers_give_the_same_views(mini_tree, tmp_path):
    root = mini_tree()
    one = load_views(load_benchmark(root), 24, workers=1)
    two = load_views(load_benchmark(root, cache_dir=tmp_path / "other"), 24, workers=2)
    np.testing.assert_array_equal(one, two)


def test_degenerate_mesh_is_warned_skipped_and_counted(mini_tree):
    bench = load_benchmark(mini_tree())
    bench.models.paths[1].write_text("OFF\n3 1 0\n0 0 0\n1 1 1\n2 2 2\n3 0 1 2\n")
    with pytest.warns(DegenerateMeshWarning, match="all 1 faces have zero area"):
        report = render_benchmark(bench, SMALL, progress=False)
    assert report["rendered"] == 5 and len(report["degenerate"]) == 1
    assert (load_views(bench, 24)[1] == 255).all()


def test_unreadable_mesh_stops_with_its_name_and_the_next_run_resumes(mini_tree):
    bench = load_benchmark(mini_tree())
    good = bench.models.paths[2].read_bytes()
    bench.models.paths[2].write_text("OFF\n3 1 0\n0 0 0\nnan 0 0\n0 1 0\n3 0 1 2\n")
    with pytest.raises(MeshError, match=str(bench.models.paths[2])):
        render_benchmark(bench, SMALL, progress=False)
    folder = view_paths(bench, SMALL)[0].parent
    assert sorted(p.name.split("_")[0] for p in folder.iterdir()) == ["m1", "m2"]
    bench.models.paths[2].write_bytes(good)
    report = render_benchmark(bench, SMALL, progress=False)
    assert (report["rendered"], report["cached"]) == (3, 2)


def test_interrupted_render_leaves_no_partial_file(mini_tree, monkeypatch):
    bench = load_benchmark(mini_tree())
    calls = []
    real_save = render.Image.Image.save

    def save_then_interrupt(self, fp, *args, **kwargs):
        calls.append(fp)
        if len(calls) == 3:
            with open(fp, "wb") as f:
                f.write(b"\x89PNG half a file")
            raise KeyboardInterrupt
        return real_save(self, fp, *args, **kwargs)

    monkeypatch.setattr(render.Image.Image, "save", save_then_interrupt)
    with pytest.raises(KeyboardInterrupt):
        render_benchmark(bench, SMALL, progress=False)
    monkeypatch.undo()
    folder = view_paths(bench, SMALL)[0].parent
    assert len(list(folder.iterdir())) == 2  # two whole strips, no temporary or half file
    report = render_benchmark(bench, SMALL, progress=False)
    assert (report["rendered"], report["cached"]) == (3, 2)
    assert load_views(bench, 24).shape == (5, 12, 24, 24)


def test_a_meshes_figure_keeps_its_title_apart_from_the_mesh_names():
    import trimesh

    from sbsr.viz import meshes_figure

    boxes = [trimesh.creation.box(), trimesh.creation.icosphere()]
    fig = meshes_figure(boxes, ["chair", "cup"], title="Two classes")
    assert fig.layout.title.text == "Two classes"
    assert [a.text for a in fig.layout.annotations] == ["chair", "cup"]
    assert fig.layout.margin.t >= 80  # room for the title above the names
