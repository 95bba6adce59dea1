"""The training command lines that README.md and book/shrec.md show: each parses and
names a valid config, and the SHREC chapter's ``torchrun`` line runs (two CPU processes,
the quick preset, a miniature tree)."""

import json
import os
import re
import shlex
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, build_mini_tree

from sbsr.cli import build_parser, main
from sbsr.commands.config import config_from_args
from sbsr.commands.train import run_train
from sbsr.train import preset


def command_lines(doc: Path) -> list[list[str]]:
    """Every ``sbsr`` or ``torchrun`` command in the bash blocks of ``doc``, as words."""
    commands = []
    for block in re.findall(r"```bash\n(.*?)```", doc.read_text(), flags=re.S):
        for line in block.replace("\\\n", " ").splitlines():
            words = shlex.split(line, comments=True)
            if words and Path(words[0]).name in ("sbsr", "torchrun"):
                commands.append(words)
    return commands


def sbsr_arguments(words: list[str]) -> tuple[list[str], str | None]:
    """The arguments of ``sbsr`` (also after ``torchrun ... -m sbsr``) and the file of a ``>``."""
    if Path(words[0]).name == "torchrun":
        words = words[words.index("-m") + 1 :]
    assert Path(words[0]).name == "sbsr", words
    args = words[1:]
    if ">" in args:
        return args[: args.index(">")], args[args.index(">") + 1]
    return args, None


@pytest.mark.parametrize("doc", ["README.md", "book/shrec.md"])
def test_documented_training_commands_parse_and_resolve(doc, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    training = [sbsr_arguments(w) for w in command_lines(ROOT / doc)]
    training = [(args, out) for args, out in training if args[0] in ("train", "config", "experiment")]
    assert len(training) >= 3
    for args, out in training:  # in the order shown: `config show > FILE` writes what a later --config reads
        if args[:2] == ["config", "show"]:
            assert main(args) == 0, args
            Path(out).write_text(capsys.readouterr().out)
        else:
            config_from_args(build_parser().parse_args(args))  # raises on a bad preset, field or file


def test_the_shrec_torchrun_command_trains_the_paper_preset():
    torchrun = [w for w in command_lines(ROOT / "book/shrec.md") if Path(w[0]).name == "torchrun"]
    args, _ = sbsr_arguments(torchrun[0])
    parsed = build_parser().parse_args(args)
    assert parsed.func is run_train and Path(parsed.data).name == "SHREC13"
    assert config_from_args(parsed) == preset("paper").replace(variant=parsed.variant or "full")


#: ``--set`` options that make the quick preset take seconds on the miniature tree.
TINY = ["sketch.widths=[4,8]", "sketch.image_size=32", "sketch.steps=4", "sketch.batch_size=8",
        "shape.widths=[4,8]", "shape.image_size=32", "shape.steps=4", "shape.batch_size=4",
        "metric.steps=10", "spal.steps=10"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_shrec_torchrun_command_runs(tmp_path):
    """The chapter's command as written, but 2 processes, the quick preset and a tiny tree."""
    words = [w for w in command_lines(ROOT / "book/shrec.md") if Path(w[0]).name == "torchrun"][0]
    changes = {"--nproc_per_node": "2", "--preset": "quick", "--data": str(build_mini_tree(tmp_path / "SHREC13")),
               "--out": str(tmp_path / "train")}
    words = [changes.get(before, word) for before, word in zip([None, *words], words)]  # each flag's value
    launcher = [sys.executable, "-m", "torch.distributed.run", "--master_port", str(free_port())]
    cmd = launcher + words[1:] + [a for s in TINY for a in ("--set", s)] + ["--no-progress"]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
    done = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "| full |" in done.stdout
    (results,) = (tmp_path / "train").rglob("results.json")
    saved = json.loads(results.read_text())
    assert saved["config"]["sketch"]["widths"] == [4, 8] and saved["config"]["variant"] == "full"
    assert 0 <= saved["metrics"]["mAP"] <= 1
