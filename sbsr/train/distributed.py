"""Multi-process training with ``torchrun --nproc_per_node N`` (DistributedDataParallel).

Only the backbone stage (a) is distributed: it is the expensive one. Every
process draws the same global batch from the same seeded generator and keeps
its own slice (:func:`shard`): a distributed sampler without communication.
DDP averages the gradients, so N processes with batch B equal one process
with batch B in N micro-batches (up to float summation order; batch norm
statistics are per process on the CPU, and synchronised on CUDA).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import torch
import torch.distributed as dist
from torch import nn


@dataclass(frozen=True)
class DistInfo:
    rank: int = 0
    world_size: int = 1
    local_rank: int = 0

    @property
    def is_main(self) -> bool:
        return self.rank == 0

    @property
    def enabled(self) -> bool:
        return self.world_size > 1


def init_distributed(device: torch.device | None = None) -> DistInfo:
    """Join the process group that ``torchrun`` describes in RANK / WORLD_SIZE / LOCAL_RANK.

    Without those variables (a plain ``python`` run) returns a one-process DistInfo.
    Backend: nccl on CUDA, gloo on the CPU.
    """
    if "WORLD_SIZE" not in os.environ:
        return DistInfo()
    try:
        info = DistInfo(int(os.environ["RANK"]), int(os.environ["WORLD_SIZE"]),
                        int(os.environ.get("LOCAL_RANK", 0)))
    except (KeyError, ValueError) as err:
        raise ValueError(f"RANK / WORLD_SIZE / LOCAL_RANK are missing or not integers: {err}") from None
    if info.enabled and not dist.is_initialized():
        cuda = device is not None and device.type == "cuda"
        if cuda:
            torch.cuda.set_device(info.local_rank)
        dist.init_process_group("nccl" if cuda else "gloo", rank=info.rank, world_size=info.world_size)
    return info


def shard(indices: torch.Tensor, info: DistInfo) -> torch.Tensor:
    """This process's contiguous slice of a global batch (the batch must divide evenly)."""
    if len(indices) % info.world_size:
        raise ValueError(f"global batch {len(indices)} does not divide over {info.world_size} processes")
    size = len(indices) // info.world_size
    return indices[info.rank * size : (info.rank + 1) * size]


def wrap(module: nn.Module, info: DistInfo, device: torch.device) -> nn.Module:
    """DDP around ``module`` when several processes run (SyncBatchNorm on CUDA)."""
    if not info.enabled:
        return module
    if device.type == "cuda":
        module = nn.SyncBatchNorm.convert_sync_batchnorm(module)
        return nn.parallel.DistributedDataParallel(module, device_ids=[device.index])
    return nn.parallel.DistributedDataParallel(module)


def unwrap(module: nn.Module) -> nn.Module:
    return module.module if isinstance(module, nn.parallel.DistributedDataParallel) else module


def mean_over_processes(values: dict, info: DistInfo) -> dict:
    """The mean of each logged number (a float or a 0-d tensor) over all processes, as
    0-d tensors; ``values`` themselves with one process. Nothing waits for the device."""
    if not info.enabled:
        return values
    device = "cuda" if dist.get_backend() == "nccl" else "cpu"
    tensor = torch.stack([torch.as_tensor(v, device=device).double() for v in values.values()])
    dist.all_reduce(tensor)
    return dict(zip(values, (tensor / info.world_size).unbind()))


def barrier(info: DistInfo) -> None:
    if info.enabled:
        dist.barrier()
