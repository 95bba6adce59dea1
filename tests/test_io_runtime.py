"""Atomic writes and the runtime switches every module relies on."""

from __future__ import annotations

import os
import platform
import subprocess
import sys

import pytest
import torch

from sbsr.io import atomic_path, write_json
from sbsr.runtime import deterministic_algorithms, keep_freed_memory, pick_device, quick_mode, seed_everything


def test_atomic_path_leaves_nothing_on_error(tmp_path):
    target = tmp_path / "out.txt"
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_text("half")
            raise RuntimeError("crash mid-write")
    assert list(tmp_path.iterdir()) == []


def test_atomic_path_replaces_whole_file(tmp_path):
    target = tmp_path / "sub" / "out.json"
    write_json(target, {"a": 1})
    write_json(target, {"b": 2})
    assert target.read_text() == '{\n  "b": 2\n}\n'
    assert [p.name for p in target.parent.iterdir()] == ["out.json"]


def test_seed_gives_same_numbers():
    seed_everything(3)
    a = torch.rand(4)
    seed_everything(3)
    assert torch.equal(a, torch.rand(4))


def test_pick_device_rejects_bad_names():
    assert pick_device("cpu").type == "cpu"
    with pytest.raises(ValueError, match="device='gpu0'"):
        pick_device("gpu0")


def test_quick_mode_reads_environment(monkeypatch):
    monkeypatch.setenv("SBSR_QUICK", "1")
    assert quick_mode() is True
    monkeypatch.setenv("SBSR_QUICK", "0")
    assert quick_mode(default=True) is False
    monkeypatch.setenv("SBSR_QUICK", "yes")
    with pytest.raises(ValueError, match="SBSR_QUICK"):
        quick_mode()


def test_deterministic_algorithms_are_switched_on_inside_only(monkeypatch):
    monkeypatch.delenv("CUBLAS_WORKSPACE_CONFIG", raising=False)
    cudnn = torch.backends.cudnn
    settings = lambda: (torch.are_deterministic_algorithms_enabled(), cudnn.deterministic,  # noqa: E731
                        cudnn.benchmark, os.environ.get("CUBLAS_WORKSPACE_CONFIG"))
    before = settings()
    assert before == (False, False, False, None)
    with pytest.raises(KeyError):  # the settings come back after an error too
        with deterministic_algorithms(True, torch.device("cuda")):  # sets flags only: no GPU needed
            assert settings() == (True, True, False, ":4096:8")
            assert not torch.is_deterministic_algorithms_warn_only_enabled()
            raise KeyError("stop")
    assert settings() == before
    with deterministic_algorithms(True, torch.device("cpu")):
        assert settings() == (True, True, False, None)  # no cuBLAS on the CPU
    with deterministic_algorithms(False, torch.device("cpu")):
        assert settings() == before
    assert settings() == before


#: A convolution's training step, then the page faults of five more, before and after
#: keep_freed_memory(); in a process of its own, as the setting lasts for the process.
FAULTS_OF_STEPS = """
import resource, torch
from sbsr.runtime import keep_freed_memory
torch.set_num_threads(1)
net = torch.nn.Sequential(torch.nn.Conv2d(1, 16, 3, padding=1), torch.nn.ReLU(), torch.nn.Conv2d(16, 16, 3))
x = torch.rand(32, 1, 64, 64)  # 8 MiB of activations a layer: glibc maps them anew by default
def faults():
    for _ in range(3):
        net(x).square().mean().backward()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(5):
        net(x).square().mean().backward()
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before
print(faults(), keep_freed_memory(), faults())
"""


@pytest.mark.skipif(platform.system() != "Linux" or platform.libc_ver()[0] != "glibc", reason="glibc only")
def test_kept_memory_ends_the_page_faults_of_a_training_loop():
    out = subprocess.run([sys.executable, "-c", FAULTS_OF_STEPS], capture_output=True, text=True, check=True)
    before, applied, after = out.stdout.split()
    assert applied == "True"
    assert int(before) > 10_000 and int(after) < int(before) / 5, out.stdout


@pytest.mark.skipif(platform.system() == "Linux" and platform.libc_ver()[0] == "glibc", reason="not glibc")
def test_kept_memory_changes_nothing_without_glibc():
    assert keep_freed_memory() is False
