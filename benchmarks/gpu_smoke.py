"""GPU smoke test: the shape backbone stage with ResNet-50 on 12 views at 224 px.

Trains ``--steps`` steps of stage (a) (:func:`sbsr.train.stages.train_backbone`,
random weights, random views: speed does not depend on content) once in fp32
and once with AMP (bfloat16 autocast), on one CUDA device, and prints
images/s and peak GPU memory for each. Exits with status 1 and a message when
CUDA or torchvision is missing.
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np
import torch


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=200, help="steps per precision (default: %(default)s)")
    parser.add_argument("--batch", type=int, default=8, help="shapes per step, 12 views each (default: %(default)s)")
    parser.add_argument("--size", type=int, default=224)
    args = parser.parse_args(argv)
    if not torch.cuda.is_available():
        print("gpu_smoke: no CUDA device here; this check needs one GPU", file=sys.stderr)
        return 1
    try:
        import torchvision  # noqa: F401
    except ImportError:
        print("gpu_smoke: torchvision is missing: pip install 'sbsr[resnet]'", file=sys.stderr)
        return 1

    from sbsr.train import stages
    from sbsr.train.config import BackboneConfig

    device = torch.device("cuda")
    rng = np.random.default_rng(0)
    shapes = 4 * args.batch
    views = rng.integers(0, 256, (shapes, 12, args.size, args.size), dtype=np.uint8)
    labels = np.arange(shapes) % 10
    cfg = BackboneConfig(arch="resnet50", widths=(), image_size=args.size, steps=args.steps,
                         batch_size=args.batch, lr=1e-4, augment=False)
    print(f"{torch.cuda.get_device_name()}: ResNet-50, {args.batch} shapes x 12 views at "
          f"{args.size}^2 per step, {args.steps} steps")
    results = {}
    for name, amp in (("fp32", False), ("amp (bf16)", True)):
        torch.cuda.reset_peak_memory_stats()
        torch.cuda.synchronize()
        start = time.perf_counter()
        _, history = stages.train_backbone("shape", views, labels, cfg, 0,
                                           stages.RunOptions(device=device, amp=amp, channels_last=True,
                                                             progress=False))
        torch.cuda.synchronize()
        seconds = time.perf_counter() - start
        rate = args.steps * args.batch * 12 / seconds
        peak = torch.cuda.max_memory_allocated() / 2**30
        results[name] = rate
        print(f"{name:11s} {rate:9.1f} images/s   peak memory {peak:6.2f} GiB   "
              f"final loss {history[-1]['loss']:.3f}   ({seconds:.1f} s)")
    print(f"AMP speed-up: {results['amp (bf16)'] / results['fp32']:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
