"""Sketches in the style people draw (sbsr.data.human_sketch)."""

import numpy as np
import pytest
import trimesh

from sbsr.data import synthetic
from sbsr.data.human_sketch import (
    HumanStyle, abstract, canonical_view, human_sketch, iconic_strokes, part_labels, random_drawer, simplify)


def two_parts() -> trimesh.Trimesh:
    """A big box (a table top) and a small box (a knob) beside it: two connected pieces."""
    big = trimesh.creation.box((1.0, 0.6, 0.1))
    small = trimesh.creation.box((0.05, 0.05, 0.05))
    small.apply_translation((0.7, 0, 0))
    return trimesh.util.concatenate([big, small])


def test_parts_are_the_connected_pieces():
    labels = part_labels(two_parts())
    assert len(np.unique(labels)) == 2
    assert np.bincount(labels).tolist() == [12, 12]


def test_small_parts_are_left_out_or_drawn_bigger_and_big_ones_always_kept():
    mesh, style = two_parts(), HumanStyle()
    always = random_drawer(np.random.default_rng(0), style)
    always = always.__class__(**{**always.__dict__, "omit": 1.0, "exaggerate": 0.0})
    kept = abstract(mesh, np.random.default_rng(0), always, style)
    assert len(kept.faces) == 12  # the knob is left out, the top never
    assert np.allclose(kept.bounds, trimesh.creation.box((1.0, 0.6, 0.1)).bounds)
    never = always.__class__(**{**always.__dict__, "omit": 0.0, "exaggerate": 1.0})
    grown = abstract(mesh, np.random.default_rng(0), never, style)
    knob = grown.vertices[grown.faces[part_labels(grown) == 1]].reshape(-1, 3)
    assert len(grown.faces) == 24
    assert np.ptp(knob, axis=0).max() > 0.05  # drawn bigger than it is
    assert np.allclose(grown.vertices[grown.faces[part_labels(grown) == 0]].reshape(-1, 3).max(0), [0.5, 0.3, 0.05])


def test_simplify_keeps_the_ends_and_stays_within_the_tolerance():
    t = np.linspace(0, np.pi, 200)
    arc = np.column_stack([np.cos(t), np.sin(t)])
    few = simplify(arc, 0.01)
    assert 5 < len(few) < 40
    assert np.array_equal(few[0], arc[0]) and np.array_equal(few[-1], arc[-1])
    # every point of the arc lies near the simplified polyline
    seg = np.linspace(0, 1, 50)[:, None, None]
    dense = (few[:-1][None] * (1 - seg) + few[1:][None] * seg).reshape(-1, 2)
    gaps = np.sqrt(((arc[:, None] - dense[None]) ** 2).sum(-1)).min(1)
    assert gaps.max() < 0.012
    assert np.array_equal(simplify(arc, 10.0), arc[[0, -1]])


@pytest.mark.parametrize("extents, azimuths", [
    ((2.0, 0.5, 0.6), {0.0, 180.0, 25.0, -25.0}),  # long along x: from the side
    ((0.8, 0.1, 1.6), {0.0, 180.0}),  # flat, thin along y: face on
    ((0.1, 0.8, 1.6), {90.0, 270.0}),  # flat, thin along x: face on
    ((0.8, 0.8, 1.0), {0.0, 35.0, -35.0, 90.0, -90.0}),  # front or three-quarters
])
def test_canonical_views(extents, azimuths):
    rng = np.random.default_rng(0)
    views = [canonical_view(rng, extents, jitter=0.0) for _ in range(300)]
    assert {round(v.azimuth, 6) for v in views} <= azimuths
    assert all(0 <= v.elevation <= 35 for v in views)


def test_objects_drawn_from_above_are_seen_from_above_mostly():
    rng = np.random.default_rng(0)
    high = [canonical_view(rng, (1, 1, 0.2), from_above=True).elevation > 50 for _ in range(400)]
    assert 0.6 < np.mean(high) < 0.8


def test_a_drawing_has_few_strokes():
    mesh = synthetic.sketch_instance(synthetic.SynthConfig(), "bicycle", 0)
    rng = np.random.default_rng(0)
    drawer = random_drawer(rng)
    strokes = iconic_strokes(mesh, canonical_view(rng, mesh.extents), drawer)
    assert 3 <= len(strokes) <= drawer.max_strokes <= HumanStyle().max_strokes[1]
    assert sum(len(s) for s in strokes) < 600  # simplified polylines, not the mesh's edge pieces


def test_human_sketch_is_deterministic_and_black_on_white():
    mesh = synthetic.sketch_instance(synthetic.SynthConfig(), "chair", 3)
    a = np.asarray(human_sketch(mesh, np.random.default_rng(5), size=128))
    b = np.asarray(human_sketch(mesh, np.random.default_rng(5), size=128))
    c = np.asarray(human_sketch(mesh, np.random.default_rng(6), size=128))
    assert np.array_equal(a, b) and not np.array_equal(a, c)
    assert a.dtype == np.uint8 and a.shape == (128, 128)
    assert 0.01 < (a < 128).mean() < 0.3 and np.median(a) == 255


def test_the_rough_style_of_version_two_stays_reachable():
    human = synthetic.SynthConfig(image_size=64)
    rough = synthetic.SynthConfig(image_size=64, sketch_style="rough")
    a = np.asarray(synthetic.class_sketch(human, "house", 0))
    b = np.asarray(synthetic.class_sketch(rough, "house", 0))
    assert not np.array_equal(a, b)
    with pytest.raises(ValueError, match="sketch_style='scribble' is unknown"):
        synthetic.SynthConfig(sketch_style="scribble")
