"""``sbsr info``: versions and the device this installation would use."""

from __future__ import annotations

import platform


def environment() -> dict:
    """Versions of Python and the main libraries, and the default device."""
    import numpy
    import torch

    from sbsr import __version__
    from sbsr.runtime import pick_device, quick_mode

    return {
        "sbsr": __version__,
        "python": platform.python_version(),
        "torch": torch.__version__,
        "numpy": numpy.__version__,
        "cuda_available": torch.cuda.is_available(),
        "device": str(pick_device("auto")),
        "quick": quick_mode(),
    }


def run(args) -> int:
    for key, value in environment().items():
        print(f"{key:15s} {value}")
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("info", help="print versions and the device in use")
    parser.set_defaults(func=run)
