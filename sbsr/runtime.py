"""Where and how computation runs: seeds, device, mixed precision.

Chosen once, then passed around, so the same code runs on a laptop CPU and a GPU.
"""

from __future__ import annotations

import contextlib
import os
import random

import numpy as np
import torch


def seed_everything(seed: int) -> None:
    """Seed Python, NumPy and PyTorch; one seed gives one result on one device."""
    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.manual_seed(seed)


def pick_device(device: str = "auto") -> torch.device:
    """``"auto"`` is CUDA when available, else CPU; anything else is checked."""
    if device == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    try:
        chosen = torch.device(device)
    except RuntimeError as err:
        raise ValueError(f"device={device!r} is not a torch device: {err}") from None
    if chosen.type == "cuda" and not torch.cuda.is_available():
        raise ValueError(f"device={device!r} was asked for, but CUDA is not available here")
    return chosen


def autocast(device: torch.device, enabled: bool = True):
    """Mixed precision on CUDA (bfloat16 autocast); a no-op context on the CPU."""
    if device.type == "cuda" and enabled:
        return torch.autocast("cuda", dtype=torch.bfloat16)
    return contextlib.nullcontext()


def quick_mode(default: bool = False) -> bool:
    """``SBSR_QUICK=1`` in the environment turns quick mode on (tests, CI)."""
    value = os.environ.get("SBSR_QUICK")
    if value is None:
        return default
    if value not in {"0", "1"}:
        raise ValueError(f"SBSR_QUICK must be 0 or 1, not {value!r}")
    return value == "1"
