"""Two CPU processes (gloo) train the backbone like one process with the same global batch."""

import socket

import numpy as np
import pytest
import torch
import torch.distributed as dist
import torch.multiprocessing as mp

from sbsr.train import stages
from sbsr.train.config import BackboneConfig
from sbsr.train.distributed import DistInfo, shard

CONFIG = BackboneConfig(widths=(4, 8), image_size=16, steps=4, batch_size=8, augment=True)


def data():
    rng = np.random.default_rng(0)
    return rng.integers(0, 256, (40, 16, 16), dtype=np.uint8), np.arange(40) % 4


def worker(rank: int, port: int, out: str):
    dist.init_process_group("gloo", init_method=f"tcp://127.0.0.1:{port}", rank=rank, world_size=2)
    torch.set_num_threads(1)
    images, labels = data()
    opts = stages.RunOptions(progress=False, dist=DistInfo(rank, 2, rank))
    encoder, history = stages.train_backbone("sketch", images, labels, CONFIG, 0, opts)
    if rank == 0:
        torch.save({"params": dict(encoder.named_parameters()), "history": history}, out)
    dist.destroy_process_group()


# 12 per step: 6 per process, split in 4 micro-batches of 2, 2, 1 and 1
UNEVEN = BackboneConfig(widths=(4, 8), image_size=16, steps=1, batch_size=12, micro_batches=4, augment=False)


def uneven_worker(rank: int, port: int, out: str):
    dist.init_process_group("gloo", init_method=f"tcp://127.0.0.1:{port}", rank=rank, world_size=2)
    torch.set_num_threads(1)
    images, labels = data()
    opts = stages.RunOptions(progress=False, dist=DistInfo(rank, 2, rank))
    encoder, history = stages.train_backbone("sketch", images, labels, UNEVEN, 0, opts)
    torch.save({"params": dict(encoder.named_parameters()), "history": history}, f"{out}{rank}")
    dist.destroy_process_group()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_shard_splits_the_global_batch():
    batch = torch.arange(8)
    parts = [shard(batch, DistInfo(r, 2)) for r in range(2)]
    assert torch.equal(torch.cat(parts), batch)
    with pytest.raises(ValueError, match="does not divide"):
        shard(torch.arange(7), DistInfo(0, 2))


def test_two_processes_match_one_process_with_two_micro_batches(tmp_path):
    out = tmp_path / "rank0.pt"
    mp.spawn(worker, args=(free_port(), str(out)), nprocs=2, join=True)
    ddp = torch.load(out, weights_only=True)

    # one process, same global batch of 8 split in the same two halves
    images, labels = data()
    single = BackboneConfig(**{**CONFIG.__dict__, "micro_batches": 2})
    encoder, history = stages.train_backbone("sketch", images, labels, single, 0,
                                             stages.RunOptions(progress=False))
    # Same batches, same per-half batch norm, gradients averaged over the halves:
    # only the float summation order differs. Tolerance: 1e-5 on every weight.
    for name, param in encoder.named_parameters():
        torch.testing.assert_close(ddp["params"][name], param.detach(), atol=1e-5, rtol=1e-5)
    for a, b in zip(ddp["history"], history):
        assert a["loss"] == pytest.approx(b["loss"], abs=1e-5)
        assert a["accuracy"] == pytest.approx(b["accuracy"])


def test_uneven_micro_batches_sync_and_weigh_every_part(tmp_path):
    # 6 samples in 4 parts: torch.chunk made 3, so the all-reduce (on part 4) never came
    out = str(tmp_path / "rank")
    mp.spawn(uneven_worker, args=(free_port(), out), nprocs=2, join=True)
    ranks = [torch.load(f"{out}{r}", weights_only=True) for r in range(2)]
    for name, param in ranks[0]["params"].items():
        assert torch.equal(param, ranks[1]["params"][name]), f"{name} differs between the processes"

    # the logged loss is the mean cross-entropy of the step's 12 samples (at the initial weights,
    # batch norm statistics per micro-batch)
    images, labels = data()
    torch.manual_seed(0)
    encoder = stages.build_encoder(UNEVEN, "sketch")
    model = torch.nn.Sequential(encoder, torch.nn.Linear(encoder.out_features, 4))
    batch = torch.randperm(len(labels), generator=torch.Generator().manual_seed(0))[:12]
    x = stages.images_to_float(images[batch.numpy()], invert=True).unsqueeze(1)
    y = torch.as_tensor(labels)[batch]
    with torch.no_grad():
        total = sum(torch.nn.functional.cross_entropy(model(x[part]), y[part]) * len(part)
                    for part in torch.arange(12).split([2, 2, 1, 1, 2, 2, 1, 1]))
    assert ranks[0]["history"][0]["loss"] == pytest.approx(float(total) / 12, rel=1e-5)


def test_a_process_with_fewer_samples_than_micro_batches_is_refused():
    images, labels = data()
    cfg = BackboneConfig(**{**CONFIG.__dict__, "batch_size": 8, "micro_batches": 4})
    with pytest.raises(ValueError, match="each process gets 2 samples of the batch of 8 .4 processes., "
                                         "fewer than micro_batches 4"):
        stages.train_backbone("sketch", images, labels, cfg, 0,
                              stages.RunOptions(progress=False, dist=DistInfo(0, 4, 0)))
