"""Sketches from meshes: visible lines, the hand model and the ink."""

import numpy as np
import pytest
import trimesh

from sbsr.data import sketch as sk

CLEAN = sk.SketchParams(
    abstraction=0.0,
    drop_prob=0.0,
    duplicate_prob=0.0,
    wobble=0.0,
    overshoot=0.0,
    affine=0.0,
    rotation=0.0,
    elastic=0.0,
)


def total_length(strokes):
    return sum(np.linalg.norm(np.diff(s, axis=0), axis=1).sum() for s in strokes)


def test_view_axes_are_orthonormal_and_oriented():
    right, up, to_viewer = sk.View(0, 0).axes()
    np.testing.assert_allclose(to_viewer, [0, -1, 0], atol=1e-12)
    np.testing.assert_allclose(up, [0, 0, 1], atol=1e-12)
    np.testing.assert_allclose(right, [1, 0, 0], atol=1e-12)
    frame = np.stack(sk.View(37, 21, 3).axes())
    np.testing.assert_allclose(frame @ frame.T, np.eye(3), atol=1e-12)
    assert sk.View(10, 90).axes()[2] == pytest.approx([0, 0, 1], abs=1e-12)


def test_sampled_views_are_mostly_low_and_canonical():
    rng = np.random.default_rng(0)
    views = [sk.sample_view(rng) for _ in range(500)]
    elevations = np.array([v.elevation for v in views])
    assert (elevations >= 0).all() and (elevations <= 45).all() and np.median(elevations) < 20
    near = [min(abs((v.azimuth - a + 180) % 360 - 180) for a in sk.CANONICAL_AZIMUTHS) < 25 for v in views]
    assert np.mean(near) > 0.85


def test_cube_from_three_quarters_shows_its_nine_visible_edges():
    cube = trimesh.creation.box(extents=(1, 1, 1))
    view = sk.View(35, 20)
    right, up, to_viewer = view.axes()
    visible_faces = cube.face_normals @ to_viewer > 0
    expected = 0.0
    for (f0, f1), (a, b) in zip(cube.face_adjacency, cube.face_adjacency_edges):
        coplanar = np.allclose(cube.face_normals[f0], cube.face_normals[f1])
        if not coplanar and (visible_faces[f0] or visible_faces[f1]):
            d = cube.vertices[b] - cube.vertices[a]
            expected += np.hypot(d @ right, d @ up)
    strokes = sk.sketch_strokes(cube, view)
    assert total_length(strokes) == pytest.approx(expected, rel=1e-6)
    # a cube has 12 edges; only 9 are seen from above at three quarters
    edge = np.hypot(*(np.array([1.0, 0, 0]) @ np.stack([right, up]).T))
    assert expected < 12 * edge


def test_hidden_lines_are_removed():
    front = trimesh.creation.box(extents=(2, 0.2, 2))
    front.apply_translation((0, -1, 0))
    back = trimesh.creation.box(extents=(0.5, 0.5, 0.5))
    back.apply_translation((0, 1, 0))
    scene = trimesh.util.concatenate([front, back])
    strokes = sk.sketch_strokes(scene, sk.View(0, 0))
    assert total_length(strokes) == pytest.approx(8.0, rel=1e-6)  # only the front square's outline
    alone = sk.sketch_strokes(back, sk.View(0, 0))
    assert total_length(alone) == pytest.approx(2.0, rel=1e-6)


def test_strokes_are_chained_into_long_polylines():
    ball = trimesh.creation.icosphere(subdivisions=3)
    strokes = sk.sketch_strokes(ball, sk.View(20, 10), corner_angle=80)
    longest = max(strokes, key=len)
    assert total_length([longest]) > 0.8 * 2 * np.pi  # the silhouette circle is (nearly) one stroke


def test_distort_without_knobs_keeps_the_lines():
    line = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 0.5]])
    out = sk.distort([line], np.random.default_rng(0), CLEAN)
    assert len(out) == 1
    np.testing.assert_allclose(out[0][0], line[0], atol=1e-12)
    np.testing.assert_allclose(out[0][-1], line[-1], atol=1e-12)
    assert total_length(out) == pytest.approx(1.5, abs=CLEAN.spacing)  # resampling may cut the corner


def test_distort_knobs_do_what_they_say():
    rng = np.random.default_rng(1)
    lines = [np.array([[0.0, i], [1.0, i]]) for i in range(20)] + [np.array([[0.0, 5.0], [0.01, 5.0]])]
    dropped = sk.distort(lines, rng, sk.SketchParams(**{**CLEAN.__dict__, "abstraction": 0.05}))
    assert len(dropped) == 20  # the short stroke is gone
    doubled = sk.distort(lines, rng, sk.SketchParams(**{**CLEAN.__dict__, "duplicate_prob": 1.0}))
    assert len(doubled) == 42
    wobbly = sk.distort(lines[:1], rng, sk.SketchParams(**{**CLEAN.__dict__, "wobble": 0.05}))
    assert np.abs(wobbly[0][:, 1]).max() > 1e-3
    lengths = [
        total_length(sk.distort(lines[:1], rng, sk.SketchParams(**{**CLEAN.__dict__, "overshoot": 0.1})))
        for _ in range(20)
    ]
    assert np.std(lengths) > 0.02


def test_draw_is_black_on_white():
    rng = np.random.default_rng(0)
    image = sk.draw([np.array([[0.0, 0.0], [1.0, 1.0]]), np.array([[0.0, 1.0], [1.0, 0.0]])], 64, rng)
    pixels = np.asarray(image)
    assert image.mode == "L" and image.size == (64, 64)
    assert pixels[0, 0] == 255 and pixels[30:34, 30:34].min() < 64  # the strokes cross at the centre
    assert (pixels < 128).mean() < 0.2
    assert (np.asarray(sk.draw([], 32)) == 255).all()
    with pytest.raises(ValueError, match="size"):
        sk.draw([], 4)


def test_sketch_is_deterministic_per_seed():
    mesh = trimesh.creation.box(extents=(1, 0.6, 0.3))
    edges = sk.edge_set(mesh)
    view = sk.View(30, 15)
    a = np.asarray(sk.sketch(edges, view, np.random.default_rng(7), size=64))
    b = np.asarray(sk.sketch(mesh, view, np.random.default_rng(7), size=64))
    c = np.asarray(sk.sketch(edges, view, np.random.default_rng(8), size=64))
    np.testing.assert_array_equal(a, b)
    assert (a != c).any()
    assert (a < 128).any()


def test_long_objects_are_seldom_drawn_end_on():
    def end_on(long_along_x):
        rng = np.random.default_rng(0)
        views = [sk.sample_view(rng, long_along_x=long_along_x) for _ in range(2000)]
        return np.mean([abs(abs(v.azimuth) - 90) < 25 for v in views])

    assert end_on(True) < 0.5 * end_on(False)


def test_some_objects_are_drawn_from_above():
    rng = np.random.default_rng(0)
    high = [sk.sample_view(rng, from_above=True).elevation > 45 for _ in range(400)]
    assert 0.6 < np.mean(high) < 0.9
