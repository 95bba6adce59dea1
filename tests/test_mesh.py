"""Reading, validating and normalising .off meshes."""

from __future__ import annotations

import numpy as np
import pytest
import trimesh

from sbsr.data.mesh import DegenerateMeshError, MeshError, load_mesh, load_normalized, normalize


def write_off(path, text):
    path.write_text(text)
    return path


def test_load_mesh_reads_a_box(tmp_path):
    path = tmp_path / "m1.off"
    trimesh.creation.box((2, 1, 1)).export(path, file_type="off")
    mesh = load_mesh(path)
    assert mesh.vertices.shape == (8, 3) and mesh.faces.shape == (12, 3)
    assert mesh.area == pytest.approx(2 * (2 + 2 + 1))


def test_polygons_are_triangulated(tmp_path):
    path = write_off(tmp_path / "q.off", "OFF\n4 1 0\n0 0 0\n1 0 0\n1 1 0\n0 1 0\n4 0 1 2 3\n")
    assert load_mesh(path).faces.shape == (2, 3)


def test_missing_file(tmp_path):
    with pytest.raises(MeshError, match=r"nowhere.off: no such mesh file"):
        load_mesh(tmp_path / "nowhere.off")


def test_empty_off(tmp_path):
    path = write_off(tmp_path / "e.off", "")
    with pytest.raises(MeshError, match=r"e.off: empty .off file"):
        load_mesh(path)


@pytest.mark.parametrize(
    "text",
    ["OFF\n", "OFF\n3 1 0\n0 0 0\n1 0 0\n", "hello\nworld\n", "OFF\n3 1 0\n0 0 0\n1 0 0\n0 1 0\n3 0 1 9\n"],
)
def test_unreadable_off(tmp_path, text):
    path = write_off(tmp_path / "u.off", text)
    with pytest.raises(MeshError, match=r"u.off: "):
        load_mesh(path)


def test_truncated_off(tmp_path):
    path = tmp_path / "t.off"
    trimesh.creation.icosphere(1).export(path, file_type="off")  # 80 faces
    path.write_bytes(path.read_bytes()[:-30])  # cut inside the face list
    with pytest.raises(MeshError, match=r"t.off: truncated .off file: 80 faces declared, 7\d read"):
        load_mesh(path)


def test_off_without_faces(tmp_path):
    path = write_off(tmp_path / "v.off", "OFF\n3 0 0\n0 0 0\n1 0 0\n0 1 0\n")
    with pytest.raises(MeshError, match=r"v.off: "):
        load_mesh(path)


@pytest.mark.parametrize("bad", ["nan", "inf", "-inf"])
def test_non_finite_vertices(tmp_path, bad):
    path = write_off(tmp_path / "n.off", f"OFF\n3 1 0\n0 0 0\n1 {bad} 0\n0 1 0\n3 0 1 2\n")
    message = r"n.off: 1 vertices with NaN or infinite coordinates \(first: vertex 1\)"
    with pytest.raises(MeshError, match=message):
        load_mesh(path)


def test_zero_area_faces_only(tmp_path):
    path = write_off(tmp_path / "z.off", "OFF\n4 2 0\n0 0 0\n1 0 0\n2 0 0\n5 5 5\n3 0 1 2\n3 3 3 3\n")
    with pytest.raises(DegenerateMeshError, match=r"z.off: all 2 faces have zero area"):
        load_mesh(path)
    assert issubclass(DegenerateMeshError, MeshError)


def test_some_zero_area_faces_are_fine(tmp_path):
    path = write_off(tmp_path / "s.off", "OFF\n4 2 0\n0 0 0\n1 0 0\n2 0 0\n0 1 0\n3 0 1 2\n3 0 1 3\n")
    assert len(load_mesh(path).faces) == 2


@pytest.mark.parametrize("center", ["centroid", "bbox"])
def test_normalize_centres_and_scales_into_the_unit_sphere(center):
    mesh = trimesh.creation.box((4, 2, 1)).apply_translation((10, -3, 7))
    mesh = trimesh.util.concatenate([mesh, trimesh.creation.box((1, 1, 1)).apply_translation((12, -3, 7))])
    result = normalize(mesh, center)
    assert np.linalg.norm(result.vertices, axis=1).max() == pytest.approx(1.0)
    origin = result.centroid if center == "centroid" else result.bounds.mean(axis=0)
    np.testing.assert_allclose(origin, 0, atol=1e-12)
    assert mesh.vertices.max() > 5  # the input is not modified


def test_normalize_is_scale_and_translation_invariant():
    mesh = trimesh.creation.icosphere(1)
    mesh.vertices[:, 0] *= 2
    moved = mesh.copy().apply_scale(37.0).apply_translation((1, 2, 3))
    np.testing.assert_allclose(normalize(mesh).vertices, normalize(moved).vertices, atol=1e-12)


def test_normalize_rejects_unknown_center():
    with pytest.raises(ValueError, match="center='middle'"):
        normalize(trimesh.creation.box(), "middle")


def test_load_normalized(tmp_path):
    path = tmp_path / "c.off"
    trimesh.creation.cylinder(radius=3, height=2).apply_translation((5, 5, 5)).export(path, file_type="off")
    assert np.linalg.norm(load_normalized(path).vertices, axis=1).max() == pytest.approx(1.0)
