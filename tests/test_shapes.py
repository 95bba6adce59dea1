"""SynthSBR shapes: the class registry and the meshes its generators build."""

import re

import numpy as np
import pytest

from sbsr.data import shapes
from sbsr.data.synthetic import model_counts


def test_registry_has_enough_families_and_classes():
    families = {c.family for c in shapes.CLASSES.values()}
    assert len(families) >= 30
    assert len(shapes.CLASSES) == shapes.MAX_CLASSES == 171
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", name) for name in shapes.CLASSES)
    assert all(c.name == name for name, c in shapes.CLASSES.items())


def test_class_names_spread_over_families_first():
    first = shapes.class_names(30)
    assert len({shapes.CLASSES[n].family for n in first}) == 30
    default = shapes.class_names(90)
    assert len(set(default)) == 90
    assert default[:10] == shapes.class_names(10)
    assert not any(n.startswith(("tall_", "wide_")) for n in default)  # only named sub-types
    with pytest.raises(ValueError, match="num_classes"):
        shapes.class_names(0)
    with pytest.raises(ValueError, match="num_classes"):
        shapes.class_names(172)


def test_confusable_classes_share_a_family_and_are_in_the_default_90():
    default = shapes.class_names(90)
    for group in (("stool", "bar_stool", "chair"), ("cup", "mug", "vase"), ("car", "van", "suv")):
        assert len({shapes.CLASSES[n].family for n in group}) == 1
        assert set(group) <= set(default)


@pytest.mark.parametrize("name", list(shapes.CLASSES))
def test_every_class_builds_a_valid_normalised_mesh(name):
    mesh = shapes.make_shape(name, np.random.default_rng(3))
    v, f = np.asarray(mesh.vertices), np.asarray(mesh.faces)
    assert np.isfinite(v).all()
    assert 12 <= len(f) <= 5000
    assert f.min() >= 0 and f.max() < len(v)
    assert (mesh.area_faces > 0).all(), "degenerate faces"
    assert np.linalg.norm(v, axis=1).max() == pytest.approx(1.0)


def test_same_seed_same_mesh_and_other_seed_another():
    a = shapes.make_shape("chair", np.random.default_rng(5))
    b = shapes.make_shape("chair", np.random.default_rng(5))
    c = shapes.make_shape("chair", np.random.default_rng(6))
    np.testing.assert_array_equal(a.vertices, b.vertices)
    assert a.vertices.shape != c.vertices.shape or not np.allclose(a.vertices, c.vertices)


def test_rotation_is_about_the_up_axis():
    """Turning about +Z leaves the heights of the vertices (relative to the extent) unchanged."""
    up = shapes.make_shape("floor_lamp", np.random.default_rng(1), rotate=False, deformation=0.0)
    turned = shapes.make_shape("floor_lamp", np.random.default_rng(1), rotate=True, deformation=0.0)
    z0, z1 = up.vertices[:, 2], turned.vertices[:, 2]
    np.testing.assert_allclose((z0 - z0.min()) / np.ptp(z0), (z1 - z1.min()) / np.ptp(z1), atol=1e-9)
    assert not np.allclose(
        up.vertices[:, :2] / np.abs(up.vertices[:, :2]).max(),
        turned.vertices[:, :2] / np.abs(turned.vertices[:, :2]).max(),
    )


def test_unknown_class_is_refused():
    with pytest.raises(ValueError, match="unknown shape class"):
        shapes.make_shape("spaceship_9000", np.random.default_rng(0))


def test_model_counts_are_a_long_tail_like_shrec13():
    counts = model_counts(90, np.random.default_rng(0))
    assert sum(counts) == 1258
    assert min(counts) == 4 and max(counts) <= 60
    assert max(counts) >= 40  # a few large classes ...
    assert np.median(counts) <= 12  # ... and many small ones
    small = model_counts(10, np.random.default_rng(0), scale=0.15)
    assert min(small) >= 1 and sum(small) == round(1258 / 90 * 10 * 0.15)


def test_model_counts_can_have_a_tail_like_shrec14():
    counts = model_counts(171, np.random.default_rng(0), sizes="shrec14")
    assert sum(counts) == 8987 and min(counts) == 1 and max(counts) > 300
    assert np.median(counts) < 30  # most classes are small
    reduced = model_counts(171, np.random.default_rng(0), scale=0.2, sizes="shrec14")
    assert sum(reduced) == round(8987 * 0.2) and min(reduced) == 1 and max(reduced) <= 120
    with pytest.raises(ValueError, match="sizes='shrec15' is unknown"):
        model_counts(10, np.random.default_rng(0), sizes="shrec15")
