"""SHREC benchmark files: the .cla parser and writer, layouts, describe() and check()."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np
import pytest
import trimesh

from sbsr.data.reference import SHREC13_CLA
from sbsr.data.shrec import (
    LAYOUTS,
    describe,
    check,
    detect_kind,
    load_benchmark,
    read_cla,
    write_cla,
)

#: The four real SHREC 2013 class files (set SBSR_SHREC13_CLA to their folder).
REAL_CLA = Path(os.environ.get("SBSR_SHREC13_CLA", SHREC13_CLA))
REAL_NAMES = [
    "SHREC13_SBR_Model.cla",
    "SHREC13_SBR_Sketch.cla",
    "SHREC13_SBR_Sketch_Train.cla",
    "SHREC13_SBR_Sketch_Test.cla",
]
needs_real = pytest.mark.skipif(
    not (REAL_CLA / REAL_NAMES[0]).is_file(), reason="real SHREC13 .cla files not found (SBSR_SHREC13_CLA)"
)


def write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


# ------------------------------------------------------------------ read_cla / write_cla


def test_read_cla_tolerates_tabs_crlf_and_blank_lines(tmp_path):
    path = tmp_path / "a.cla"
    path.write_bytes(b"PSB 1\r\n2 3\r\n\r\nchair\t 0 2\r\n7\r\n3\r\ncup  0\t1\r\n\r\n12\r\n")
    assert read_cla(path) == {"chair": ["7", "3"], "cup": ["12"]}
    assert list(read_cla(path)) == ["chair", "cup"]  # order kept


def test_write_then_read_round_trip(tmp_path):
    mapping = {"b": ["10", "2"], "a": ["000003"], "empty": []}
    write_cla(tmp_path / "x.cla", mapping)
    assert read_cla(tmp_path / "x.cla") == mapping
    assert (tmp_path / "x.cla").read_text().startswith("PSB 1\n3 3\n\nb 0 2\n10\n2\n\na 0 1\n")


@pytest.mark.parametrize(
    "text, message",
    [
        ("PSB 2\n1 1\n\na 0 1\n1\n", ":1: expected the header 'PSB 1'"),
        ("", ":1: expected the header"),
        ("PSB 1\nx 1\n\na 0 1\n1\n", ":2: expected 'numClasses numItems'"),
        ("PSB 1\n2 1\n\na 0 1\n1\n", ":2: header says 2 classes, the file lists 1"),
        ("PSB 1\n1 3\n\na 0 2\n1\n2\n", ":2: header says 3 ids, the file lists 2"),
        ("PSB 1\n2 3\n\na 0 1\n1\n2\nb 0 1\n3\n", ":4: class 'a' declares 1 ids but lists 2"),
        ("PSB 1\n1 2\n\na 0 2\n1\n1\n", ":6: id '1' already listed on line 5"),
        ("PSB 1\n2 2\n\na 0 1\n1\na 0 1\n2\n", ":6: class 'a' appears twice"),
        ("PSB 1\n1 1\n\n5\na 0 1\n1\n", ":4: id '5' before any class header"),
        ("PSB 1\n1 1\n\na 0 x\n1\n", ":4: class 'a': count 'x' is not an integer"),
        ("PSB 1\n1 1\n\na 0 1 extra\n1\n", ":4: expected 'name parent count' or one id"),
    ],
)
def test_read_cla_rejects_bad_files_naming_file_and_line(tmp_path, text, message):
    path = write(tmp_path / "bad.cla", text)
    with pytest.raises(ValueError) as err:
        read_cla(path)
    assert str(path) + message in str(err.value)


def test_cla_header_counts_disagree_with_lists(tmp_path):
    path = write(tmp_path / "m.cla", "PSB 1\n1 5\n\nchair 0 2\n1\n2\n")
    with pytest.raises(ValueError, match="header says 5 ids, the file lists 2"):
        read_cla(path)


def test_write_cla_rejects_names_with_spaces(tmp_path):
    with pytest.raises(ValueError, match="one word"):
        write_cla(tmp_path / "x.cla", {"two words": ["1"]})
    with pytest.raises(ValueError, match="ids must be one word"):
        write_cla(tmp_path / "x.cla", {"a": ["1 2"]})
    assert not (tmp_path / "x.cla").exists()


@needs_real
@pytest.mark.parametrize("name", REAL_NAMES)
def test_real_cla_files_round_trip(tmp_path, name):
    original = read_cla(REAL_CLA / name)
    write_cla(tmp_path / name, original)
    again = read_cla(tmp_path / name)
    assert again == original and list(again) == list(original)


@needs_real
def test_real_shrec13_counts_match_the_published_numbers(tmp_path):
    evaluation = tmp_path / "SHREC2013_Sketch_Evaluation"
    evaluation.mkdir()
    for name in REAL_NAMES:
        shutil.copy(REAL_CLA / name, evaluation / name)
    bench = load_benchmark(tmp_path)
    summary = describe(bench)
    assert bench.kind == "shrec13"
    assert (summary["classes"], summary["models"]) == (90, 1258)
    assert (summary["train_sketches"], summary["test_sketches"]) == (4500, 2700)
    assert summary["per_class"]["airplane"] == {"models": 184, "train": 50, "test": 30}
    assert all(c["train"] == 50 and c["test"] == 30 for c in summary["per_class"].values())
    assert bench.models.paths[0] == tmp_path / "SHREC13_SBR_TARGET_MODELS/models/m1118.off"
    assert len(set(bench.train.ids) | set(bench.test.ids)) == 7200


# ------------------------------------------------------------------ layouts


@pytest.mark.parametrize("kind", ["shrec13", "shrec14", "synth"])
def test_load_benchmark_reads_the_miniature_layouts(mini_tree, kind):
    root = mini_tree(kind)
    bench = load_benchmark(root)
    assert bench.kind == kind == detect_kind(root)
    assert bench.classes == ["chair", "cup", "lamp"]
    np.testing.assert_array_equal(bench.models.labels, [0, 0, 1, 2, 2])
    np.testing.assert_array_equal(bench.train.labels, [0, 0, 0, 1, 1, 1, 2, 2])
    np.testing.assert_array_equal(bench.test.labels, [0, 0, 1, 1, 2])
    assert all(p.is_file() for part in ("models", "train", "test") for p in bench.part(part).paths)
    assert bench.cache_dir == root / "cache"
    if kind == "shrec14":
        assert bench.models.paths[0].name == "M000001.off"
        assert "SHREC14LSSTB_SKETCHES/SHREC14LSSTB_SKETCHES/chair/train/" in str(bench.train.paths[0])
    else:
        assert bench.models.paths[0] == root / "SHREC13_SBR_TARGET_MODELS/models/m1.off"
        assert bench.test.paths[0] == root / "SHREC13_SBR_TESTING_SKETCHES/chair/test/4.png"
    summary = describe(bench)
    assert (summary["models"], summary["train_sketches"], summary["test_sketches"]) == (5, 8, 5)
    assert summary["per_class"]["cup"] == {"models": 1, "train": 3, "test": 2}


def test_shrec14_cviu_evaluation_folder_is_found(mini_tree):
    root = mini_tree("shrec14")
    (root / "SHREC14_Sketch_Evaluation").rename(root / "SHREC14_Sketch_Evaluation_CVIU")
    assert load_benchmark(root).kind == "shrec14"
    assert check(root) == []


def test_unknown_folder_and_missing_cla_are_clear_errors(tmp_path, mini_tree):
    with pytest.raises(ValueError, match="not a benchmark folder"):
        load_benchmark(tmp_path)
    with pytest.raises(FileNotFoundError, match="no such benchmark folder"):
        load_benchmark(tmp_path / "nowhere")
    root = mini_tree("shrec13")
    (root / "SHREC2013_Sketch_Evaluation/SHREC13_SBR_Sketch_Test.cla").unlink()
    with pytest.raises(FileNotFoundError, match=r"SHREC13_SBR_Sketch_Test.cla: missing \(.cla files there: "):
        load_benchmark(root)


def test_sketch_class_without_targets_fails_to_load(mini_tree):
    root = mini_tree("shrec13")
    cla = root / "SHREC2013_Sketch_Evaluation/SHREC13_SBR_Sketch_Train.cla"
    write_cla(cla, {**read_cla(cla), "ghost": ["999"]})
    with pytest.raises(ValueError, match="class 'ghost' has no target models"):
        load_benchmark(root)


# ------------------------------------------------------------------ check(): one test per bad input


@pytest.mark.parametrize("kind", ["shrec13", "shrec14"])
def test_check_passes_a_good_tree(mini_tree, kind):
    assert check(mini_tree(kind)) == []


def test_check_corrupt_png(mini_tree):
    root = mini_tree()
    png = load_benchmark(root).train.paths[1]
    png.write_bytes(b"\x89PNG\r\n\x1a\nnot really a png")
    problems = check(root)
    assert len(problems) == 1 and problems[0].startswith(f"{png}: unreadable or corrupt PNG")


def test_check_truncated_png(mini_tree):
    root = mini_tree()
    png = load_benchmark(root).test.paths[0]
    png.write_bytes(png.read_bytes()[:-30])
    problems = check(root)
    assert len(problems) == 1 and problems[0].startswith(f"{png}: unreadable or corrupt PNG")


def test_check_empty_off(mini_tree):
    root = mini_tree()
    off = load_benchmark(root).models.paths[0]
    off.write_text("")
    assert check(root) == [f"{off}: empty .off file"]


def test_check_unreadable_off(mini_tree):
    root = mini_tree()
    off = load_benchmark(root).models.paths[2]
    off.write_text("OFF\n3 1 0\n0 0 0\n1 0 0\n")  # truncated: one vertex and the face missing
    problems = check(root)
    assert len(problems) == 1 and problems[0].startswith(f"{off}: unreadable .off file")


def test_check_nan_vertices(mini_tree):
    root = mini_tree()
    off = load_benchmark(root).models.paths[1]
    off.write_text("OFF\n3 1 0\n0 0 0\nnan 0 0\n0 1 0\n3 0 1 2\n")
    problems = check(root)
    assert problems == [f"{off}: 1 vertices with NaN or infinite coordinates (first: vertex 1)"]


def test_check_zero_area_faces_only(mini_tree):
    root = mini_tree()
    off = load_benchmark(root).models.paths[3]
    off.write_text("OFF\n3 2 0\n0 0 0\n1 1 1\n2 2 2\n3 0 1 2\n3 2 1 0\n")  # collinear
    assert check(root) == [f"{off}: all 2 faces have zero area"]


def test_check_header_counts_disagree(mini_tree):
    root = mini_tree()
    cla = root / "SHREC2013_Sketch_Evaluation/SHREC13_SBR_Model.cla"
    cla.write_text(cla.read_text().replace("3 5\n", "3 6\n", 1))
    assert check(root) == [f"{cla}:2: header says 6 ids, the file lists 5"]


def test_check_id_listed_but_missing_on_disk(mini_tree):
    root = mini_tree()
    bench = load_benchmark(root)
    bench.models.paths[4].unlink()
    bench.train.paths[0].unlink()
    assert check(root) == [
        f"{bench.models.paths[4]}: listed in the .cla files but missing",
        f"{bench.train.paths[0]}: listed in the .cla files but missing",
    ]


def test_check_class_with_no_models(mini_tree):
    root = mini_tree()
    cla = root / "SHREC2013_Sketch_Evaluation/SHREC13_SBR_Model.cla"
    write_cla(cla, {**read_cla(cla), "cup": []})
    problems = check(root)
    assert f"{cla}: class 'cup' has no models" in problems
    train = root / "SHREC2013_Sketch_Evaluation/SHREC13_SBR_Sketch_Train.cla"
    assert f"{train}: sketch class 'cup' (3 sketches) has no target models" in problems


def test_check_sketch_in_class_without_targets(mini_tree):
    root = mini_tree()
    cla = root / "SHREC2013_Sketch_Evaluation/SHREC13_SBR_Sketch_Test.cla"
    write_cla(cla, {**read_cla(cla), "ghost": ["77"]})
    problems = check(root)
    assert f"{cla}: sketch class 'ghost' (1 sketches) has no target models" in problems
    ghost = root / LAYOUTS["shrec13"].sketch["test"].format(cls="ghost", id="77")
    assert f"{ghost}: listed in the .cla files but missing" in problems
    assert len(problems) == 2


def test_check_lists_every_problem_at_once(mini_tree):
    root = mini_tree("shrec14")
    bench = load_benchmark(root)
    bench.models.paths[0].write_text("")
    bench.train.paths[0].write_bytes(b"")
    bench.test.paths[0].unlink()
    trimesh.creation.box().export(bench.models.paths[1], file_type="off")  # a good replacement
    problems = check(root)
    assert len(problems) == 3
    assert check(root, workers=2) == problems  # same messages, same order


def test_check_sketch_in_both_splits(mini_tree):
    root = mini_tree()
    cla = root / "SHREC2013_Sketch_Evaluation/SHREC13_SBR_Sketch_Test.cla"
    mapping = read_cla(cla)
    mapping["chair"][0] = "1"  # a train sketch id
    write_cla(cla, mapping)
    assert any("in both train and test (first: '1')" in p for p in check(root))
