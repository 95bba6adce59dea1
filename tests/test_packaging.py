"""The package installs as documented: one dependency list, a working command line."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

import yaml

from sbsr.cli import main

# conda-forge name -> PyPI name, where they differ.
CONDA_TO_PYPI = {"pytorch": "torch"}
# Extras that environment.yml deliberately leaves out (torchvision pulls a CUDA torch).
NOT_IN_CONDA = {"resnet"}


def split(requirement: str) -> tuple[str, str]:
    name, spec = re.match(r"\s*([A-Za-z0-9_.\-]+)\s*(.*)", requirement).groups()
    return name.lower(), spec.replace(" ", "")


def pyproject_requirements(repo_root) -> dict[str, str]:
    project = tomllib.loads((repo_root / "pyproject.toml").read_text())["project"]
    reqs = list(project["dependencies"])
    for extra, items in project["optional-dependencies"].items():
        if extra not in NOT_IN_CONDA:
            reqs += items
    return dict(split(r) for r in reqs)


def conda_requirements(repo_root) -> dict[str, str]:
    env = yaml.safe_load((repo_root / "environment.yml").read_text())
    reqs = {}
    for item in env["dependencies"]:
        entries = item["pip"] if isinstance(item, dict) else [item]
        for entry in entries:
            if entry.startswith("-") or entry in {"pip"}:
                continue
            name, spec = split(entry)
            reqs[CONDA_TO_PYPI.get(name, name)] = spec
    reqs.pop("python")
    return reqs


def test_environment_yml_matches_pyproject(repo_root):
    assert conda_requirements(repo_root) == pyproject_requirements(repo_root)


def test_every_dependency_has_an_upper_bound(repo_root):
    for name, spec in pyproject_requirements(repo_root).items():
        pinned = re.fullmatch(r"==[0-9.]+", spec) is not None
        assert pinned or (">=" in spec and "<" in spec.replace("<=", "")), f"{name}{spec}"


def test_help_lists_commands(capsys):
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "usage: sbsr" in out and "info" in out


def test_python_dash_m_sbsr_info():
    out = subprocess.run([sys.executable, "-m", "sbsr", "info"], capture_output=True,
                         text=True, check=True).stdout
    assert re.search(r"^torch\s+\d+\.\d+", out, flags=re.M), out
    assert re.search(r"^device\s+(cpu|cuda)", out, flags=re.M), out
