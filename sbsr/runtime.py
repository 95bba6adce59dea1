"""Where and how computation runs: seeds, device, mixed precision, deterministic algorithms,
and the memory allocator of a CPU process.

Chosen once, then passed around, so the same code runs on a laptop CPU and a GPU.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import platform
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


@contextlib.contextmanager
def deterministic_algorithms(enabled: bool, device: torch.device):
    """With ``enabled``, run inside with deterministic algorithms only, then restore the settings.

    cuDNN picks deterministic algorithms and does not benchmark, and
    ``torch.use_deterministic_algorithms(True)`` makes an operation without a
    deterministic implementation raise RuntimeError instead of running; on
    CUDA, cuBLAS gets the fixed workspace it needs (``CUBLAS_WORKSPACE_CONFIG``
    ``:4096:8`` unless set; to be sure it applies to every cuBLAS handle, set
    it before Python starts). Without ``enabled`` nothing changes.
    """
    if not enabled:
        yield
        return
    cudnn = torch.backends.cudnn
    before = (torch.are_deterministic_algorithms_enabled(), torch.is_deterministic_algorithms_warn_only_enabled(),
              cudnn.deterministic, cudnn.benchmark, os.environ.get("CUBLAS_WORKSPACE_CONFIG"))
    try:
        if device.type == "cuda":
            os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
        cudnn.deterministic, cudnn.benchmark = True, False
        torch.use_deterministic_algorithms(True, warn_only=False)
        yield
    finally:
        torch.use_deterministic_algorithms(before[0], warn_only=before[1])
        cudnn.deterministic, cudnn.benchmark = before[2], before[3]
        if before[4] is None:
            os.environ.pop("CUBLAS_WORKSPACE_CONFIG", None)
        else:
            os.environ["CUBLAS_WORKSPACE_CONFIG"] = before[4]


#: glibc's ``mallopt`` parameters (``malloc.h``)
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
#: The largest threshold glibc accepts for serving a block from the heap, not from fresh pages.
MMAP_THRESHOLD_MAX = 32 * 2**20


def keep_freed_memory() -> bool:
    """Let this process reuse the memory it frees instead of returning it to the system:
    glibc's malloc (Linux) serves blocks up to 32 MiB from its heap and never trims it.

    By default glibc maps a large block to fresh pages and gives freed memory back soon, so
    every training step page-faults its tensors in anew: that was a sixth of a sketch
    backbone step on a 2-core CPU, and half the time of extracting the shapes' features.
    The numbers computed do not change. The process keeps the most memory it once used.
    Elsewhere (macOS, musl, Windows) nothing changes. Returns whether the setting applied.
    """
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return False
    libc = ctypes.CDLL(None)
    served = libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_MAX)
    kept = libc.mallopt(M_TRIM_THRESHOLD, 2**31 - 1)
    return bool(served and kept)


def quick_mode(default: bool = False) -> bool:
    """``SBSR_QUICK=1`` in the environment turns quick mode on (tests, CI)."""
    value = os.environ.get("SBSR_QUICK")
    if value is None:
        return default
    if value not in {"0", "1"}:
        raise ValueError(f"SBSR_QUICK must be 0 or 1, not {value!r}")
    return value == "1"
