"""SynthSBR on disk: SHREC 2013 layout, counts, determinism, resume."""

import hashlib
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from sbsr.data import shrec
from sbsr.data import synthetic as synth

TINY = dict(
    num_classes=10, model_scale=0.15, train_sketches=2, test_sketches=2, image_size=48, instances_per_class=2
)


def digest(root: Path) -> dict:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    return synth.write_benchmark(
        tmp_path_factory.mktemp("synth") / "a", seed=0, workers=2, progress=False, **TINY
    )


def test_layout_and_counts(tiny):
    bench = shrec.load_benchmark(tiny)
    assert shrec.detect_kind(tiny) == "synth"
    assert shrec.check(tiny) == []
    info = json.loads((tiny / "synthsbr.json").read_text())
    assert info["counts"] == {
        "classes": 10,
        "models": len(bench.models.ids),
        "train_sketches": 20,
        "test_sketches": 20,
    }
    assert info["seed"] == 0 and info["up_axis"] == "+Z"
    assert len(list((tiny / "SHREC13_SBR_TARGET_MODELS/models").glob("m*.off"))) == len(bench.models.ids)
    assert len(set(bench.train.ids) | set(bench.test.ids)) == 40  # sketch ids unique across splits
    cla = (tiny / "SHREC2013_Sketch_Evaluation/SHREC13_SBR_Sketch_Train.cla").read_text().splitlines()
    assert cla[:4] == ["PSB 1", "10 20", "", "chair 0 2"]
    assert not list(tiny.rglob("*.tmp")) and not (tiny / synth.PROGRESS_FILE).exists()


def test_sketches_are_black_on_white_and_not_empty(tiny):
    pngs = sorted(tiny.rglob("*.png"))
    assert len(pngs) == 40
    for path in pngs:
        image = Image.open(path)
        pixels = np.asarray(image)
        assert image.mode == "L" and image.size == (48, 48)
        assert pixels[0, 0] == 255 and np.median(pixels) == 255
        assert (pixels < 128).sum() >= 10, path


def test_same_seed_same_bytes_any_worker_count(tiny, tmp_path):
    again = synth.write_benchmark(tmp_path / "b", seed=0, workers=1, progress=False, **TINY)
    assert digest(again) == digest(tiny)


def test_other_seed_other_bytes(tiny, tmp_path):
    other = synth.write_benchmark(tmp_path / "c", seed=1, workers=1, progress=False, **TINY)
    a, b = digest(tiny), digest(other)
    shared = set(a) & set(b)
    assert sum(a[k] != b[k] for k in shared) > 0.9 * len(shared)


def test_resume_after_interruption(tiny, tmp_path):
    import shutil

    copy = tmp_path / "d"
    shutil.copytree(tiny, copy)
    for path in [
        *sorted(copy.rglob("*.off"))[:2],
        *sorted(copy.rglob("*.png"))[:3],
        copy / "synthsbr.json",
        *copy.rglob("*.cla"),
    ]:
        path.unlink()
    stray = next(copy.rglob("test")) / ".7.png.abc123.tmp"  # a write that was killed half-way
    stray.write_bytes(b"\x89PNG half")
    synth.write_benchmark(copy, seed=0, workers=1, progress=False, **TINY)
    assert digest(copy) == digest(tiny)


def test_a_folder_with_other_parameters_is_refused(tiny, tmp_path):
    with pytest.raises(ValueError, match="other parameters"):
        synth.write_benchmark(tiny, seed=2, workers=1, progress=False, **TINY)


def test_sketch_instances_are_not_gallery_meshes():
    config = synth.SynthConfig(num_classes=10, instances_per_class=3)

    def signature(mesh):  # invariant to rotation, translation and scale
        edges = np.sort(mesh.edges_unique_length)
        return len(mesh.vertices), edges / edges[-1]

    for name in ("chair", "cup", "car"):
        gallery = [signature(synth.gallery_mesh(config, name, k)) for k in range(4)]
        for mesh in (synth.sketch_instance(config, name, k) for k in range(config.instances_per_class)):
            n, sig = signature(mesh)
            assert not any(n == m and np.allclose(sig, g, atol=1e-6) for m, g in gallery)


def test_bad_parameters_are_refused(tmp_path):
    with pytest.raises(ValueError, match="num_classes"):
        synth.write_benchmark(tmp_path, num_classes=200)
    with pytest.raises(ValueError, match="image_size"):
        synth.write_benchmark(tmp_path, image_size=4)
    with pytest.raises(ValueError, match="workers"):
        synth.write_benchmark(tmp_path, workers=0)


def test_off_bytes_have_fixed_formatting():
    import trimesh

    text = synth.off_bytes(trimesh.creation.box()).decode()
    lines = text.splitlines()
    assert lines[:2] == ["OFF", "8 12 0"]
    assert lines[2] == "-0.500000 -0.500000 -0.500000" and lines[10].startswith("3 ")
