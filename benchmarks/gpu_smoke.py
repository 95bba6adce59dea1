"""GPU smoke test: the shape backbone stage with ResNet-50 on 12 views at 224 px.

Trains ``--steps`` steps of stage (a) (:func:`sbsr.train.stages.train_backbone`,
random weights, random views: speed does not depend on content) once in fp32
and once with AMP (bfloat16 autocast), and prints images/s and peak GPU
memory for each. Under ``torchrun`` every process trains its share of a
global batch of ``--batch`` shapes per process (DistributedDataParallel) and
the first prints the figures of all together. ``--determinism`` instead
trains twice with ``deterministic=True`` and says whether the weights are
bit-identical. Exits with status 1 and a message when CUDA or torchvision is
missing.
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
    parser.add_argument("--batch", type=int, default=8,
                        help="shapes per step and process, 12 views each (default: %(default)s)")
    parser.add_argument("--micro-batches", type=int, default=1, help="parts of each process's share")
    parser.add_argument("--size", type=int, default=224)
    parser.add_argument("--determinism", action="store_true",
                        help="train twice with deterministic=True (AMP) and compare the weights")
    args = parser.parse_args(argv)
    if not torch.cuda.is_available():
        print("gpu_smoke: no CUDA device here; this check needs one GPU", file=sys.stderr)
        return 1
    try:
        import torchvision  # noqa: F401
    except ImportError:
        print("gpu_smoke: torchvision is missing: pip install 'sbsr[resnet]'", file=sys.stderr)
        return 1

    from sbsr.train import distributed, stages
    from sbsr.train.config import BackboneConfig

    info = distributed.init_distributed(torch.device("cuda"))
    device = torch.device("cuda", info.local_rank)
    torch.cuda.set_device(device)
    say = print if info.is_main else (lambda *a, **k: None)
    rng = np.random.default_rng(0)
    batch = args.batch * info.world_size
    shapes = 4 * batch
    views = rng.integers(0, 256, (shapes, 12, args.size, args.size), dtype=np.uint8)
    labels = np.arange(shapes) % 10
    cfg = BackboneConfig(arch="resnet50", widths=(), image_size=args.size, steps=args.steps, batch_size=batch,
                         micro_batches=args.micro_batches, lr=1e-4, augment=False)
    say(f"{torch.cuda.get_device_name()} x {info.world_size} process(es): ResNet-50, {batch} shapes x 12 views "
        f"at {args.size}^2 per step ({args.micro_batches} micro-batch(es) per process), {args.steps} steps")

    def train(amp: bool, deterministic: bool = False):
        opts = stages.RunOptions(device=device, amp=amp, channels_last=True, progress=False, dist=info,
                                 deterministic=deterministic)
        return stages.train_backbone("shape", views, labels, cfg, 0, opts)

    if args.determinism:
        runs = [train(amp=True, deterministic=True)[0].state_dict() for _ in range(2)]
        same = all(torch.equal(runs[0][name], runs[1][name]) for name in runs[0])
        say(f"deterministic=True, AMP: two runs give bit-identical weights: {same}")
        return 0 if same else 1

    rates = {}
    for name, amp in (("fp32", False), ("amp (bf16)", True)):
        torch.cuda.reset_peak_memory_stats()
        distributed.barrier(info)
        torch.cuda.synchronize()
        start = time.perf_counter()
        _, history = train(amp)
        torch.cuda.synchronize()
        distributed.barrier(info)
        seconds = time.perf_counter() - start
        rates[name] = args.steps * batch * 12 / seconds
        peak = torch.cuda.max_memory_allocated() / 2**30
        say(f"{name:11s} {rates[name]:9.1f} images/s   peak memory {peak:6.2f} GiB per process   "
            f"final loss {history[-1]['loss']:.3f}   ({seconds:.1f} s)")
    say(f"AMP speed-up: {rates['amp (bf16)'] / rates['fp32']:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
