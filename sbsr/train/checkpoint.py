"""Checkpoints: model and optimizer states, config, step, history and RNG states.

Everything is stored as tensors and plain Python values, so a checkpoint loads
with ``torch.load(..., weights_only=True)`` (no pickled code runs). Resuming
from one restores the run exactly: the same remaining batches, the same
weights, bit for bit on the CPU.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import torch

from sbsr.io import atomic_path


def rng_state() -> dict:
    """Python, NumPy and torch global RNG states as tensors and lists."""
    kind, keys, pos, has_gauss, gauss = np.random.get_state()
    version, internal, gauss_next = random.getstate()
    return {
        "torch": torch.get_rng_state(),
        "numpy": {"keys": torch.from_numpy(keys.astype(np.int64)), "pos": pos,
                  "has_gauss": has_gauss, "gauss": gauss},
        "python": {"version": version, "internal": list(internal), "gauss_next": gauss_next},
    }


def set_rng_state(state: dict) -> None:
    torch.set_rng_state(state["torch"])
    n = state["numpy"]
    np.random.set_state(("MT19937", n["keys"].numpy().astype(np.uint32), n["pos"],
                         n["has_gauss"], n["gauss"]))
    p = state["python"]
    random.setstate((p["version"], tuple(p["internal"]), p["gauss_next"]))


def flatten(config: dict, prefix: str = "") -> dict:
    """``{"a": {"b": 1}}`` -> ``{"a.b": 1}``."""
    flat = {}
    for key, value in config.items():
        if isinstance(value, dict):
            flat.update(flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = list(value) if isinstance(value, tuple) else value
    return flat


def config_mismatch(saved: dict, current: dict) -> list[str]:
    """Dotted keys whose values differ (or exist on one side only)."""
    a, b = flatten(saved), flatten(current)
    return sorted(k for k in set(a) | set(b) if a.get(k, "<missing>") != b.get(k, "<missing>"))


def save_checkpoint(
    path: str | Path,
    *,
    stage: str,
    step: int,
    config: dict,
    modules: dict[str, torch.nn.Module],
    optimizers: dict[str, torch.optim.Optimizer],
    generator: torch.Generator,
    history: list[dict],
) -> None:
    """Write the checkpoint atomically: a crash leaves the previous one whole."""
    state = {
        "stage": stage,
        "step": step,
        "config": config,
        "modules": {name: m.state_dict() for name, m in modules.items()},
        "optimizers": {name: o.state_dict() for name, o in optimizers.items()},
        "generator": generator.get_state(),
        "rng": rng_state(),
        "history": history,
    }
    with atomic_path(path) as tmp:
        torch.save(state, tmp)


def load_checkpoint(path: str | Path, config: dict | None = None, stage: str | None = None) -> dict:
    """Load with ``weights_only=True``; refuse a checkpoint of another config or stage."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"checkpoint {path} does not exist")
    state = torch.load(path, map_location="cpu", weights_only=True)
    if stage is not None and state["stage"] != stage:
        raise ValueError(f"checkpoint {path} is of stage {state['stage']!r}, not {stage!r}")
    if config is not None:
        keys = config_mismatch(state["config"], config)
        if keys:
            raise ValueError(f"checkpoint {path} was written with another configuration; "
                             f"mismatching keys: {', '.join(keys)}")
    return state


def read_history(path: str | Path) -> list[dict]:
    """The history saved in a checkpoint, leaving its tensors (weights, optimizer
    state) on disk: the file is memory-mapped and only its records are read."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"checkpoint {path} does not exist")
    return torch.load(path, map_location="cpu", weights_only=True, mmap=True)["history"]


def restore(
    state: dict,
    modules: dict[str, torch.nn.Module],
    optimizers: dict[str, torch.optim.Optimizer],
    generator: torch.Generator,
) -> None:
    """Put the saved states back into fresh modules, optimizers and RNGs."""
    for name, module in modules.items():
        module.load_state_dict(state["modules"][name])
    for name, optimizer in optimizers.items():
        optimizer.load_state_dict(state["optimizers"][name])
    generator.set_state(state["generator"])
    set_rng_state(state["rng"])
