"""``sbsr data describe | check | render``."""

from __future__ import annotations

import json

import numpy as np

from sbsr.cli import main
from sbsr.data.render import RenderSettings, load_views, view_paths
from sbsr.data.shrec import load_benchmark


def test_describe_prints_counts(mini_tree, capsys):
    root = mini_tree("shrec14")
    assert main(["data", "describe", str(root)]) == 0
    out = capsys.readouterr().out
    assert "(shrec14)" in out and "classes               3" in out and "train_sketches        8" in out
    assert main(["data", "describe", str(root), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["models"] == 5 and summary["per_class"]["lamp"]["test"] == 1


def test_check_exit_code_and_every_problem_printed(mini_tree, capsys):
    root = mini_tree()
    assert main(["data", "check", str(root)]) == 0
    assert "0 problem(s)" in capsys.readouterr().err
    bench = load_benchmark(root)
    bench.models.paths[0].write_text("")
    bench.test.paths[1].write_bytes(b"nope")
    assert main(["data", "check", str(root)]) == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == 2 and "empty .off file" in lines[0] and "corrupt PNG" in lines[1]
    assert "2 problem(s)" in captured.err


def test_not_a_benchmark_is_an_error_line(tmp_path, capsys):
    assert main(["data", "describe", str(tmp_path)]) == 2
    assert capsys.readouterr().err.startswith(f"error: {tmp_path}: not a benchmark folder")


def test_render_fills_the_cache_that_load_views_reads(mini_tree, capsys):
    root = mini_tree()
    assert main(["data", "render", str(root), "--size", "16", "--workers", "1"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["models"], report["rendered"]) == (5, 5)
    bench = load_benchmark(root)
    assert all(p.is_file() for p in view_paths(bench, RenderSettings(size=16)))
    assert main(["data", "render", str(root), "--size", "16"]) == 0
    assert json.loads(capsys.readouterr().out)["cached"] == 5
    views = load_views(bench, 16)
    assert views.shape == (5, 12, 16, 16) and (views < 255).any()
    assert np.array_equal(views, load_views(bench, 16))


def test_synth_writes_a_benchmark_the_other_commands_read(tmp_path, capsys):
    out = tmp_path / "synth"
    args = ["--classes", "3", "--models-scale", "0.2", "--sketches-per-class", "8", "--image-size", "32"]
    assert main(["data", "synth", "--out", str(out), *args, "--workers", "1"]) == 0
    bench = load_benchmark(out)
    assert bench.kind == "synth" and len(bench.classes) == 3
    assert (len(bench.train), len(bench.test)) == (3 * 5, 3 * 3)  # 8 per class, split 5:3
    assert main(["data", "check", str(out), "--workers", "1"]) == 0
    assert main(["data", "render", str(out), "--size", "16", "--workers", "1"]) == 0
    capsys.readouterr()
    views = load_views(bench, 16)
    assert views.shape == (len(bench.models), 12, 16, 16) and (views < 255).any(axis=(1, 2, 3)).all()
    assert main(["data", "synth", "--out", str(out), "--classes", "3", "--seed", "1", "--workers", "1"]) == 2
    assert "other parameters" in capsys.readouterr().err


def test_synth_takes_the_sketch_style_and_class_sizes(tmp_path, capsys):
    import json

    from sbsr.cli import main

    out = tmp_path / "rough"
    assert main(["data", "synth", "--out", str(out), "--classes", "2", "--models-scale", "0.2",
                 "--sketches-per-class", "2", "--image-size", "32", "--workers", "1",
                 "--sketch-style", "rough", "--class-sizes", "shrec14"]) == 0
    settings = json.loads((out / "synthsbr.json").read_text())
    assert settings["sketch_style"] == "rough" and settings["class_sizes"] == "shrec14"
