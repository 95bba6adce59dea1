"""Sketch arrays, the torch Datasets' tensor conventions, and the P x K batch sampler."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
import torch
from PIL import Image
from torch.utils.data import DataLoader

from sbsr.data.datasets import MultiViewDataset, SketchDataset, load_sketch, load_sketches
from sbsr.data.samplers import PKSampler
from sbsr.data.shrec import load_benchmark

# ------------------------------------------------------------------ sketches as arrays


def test_load_sketch_keeps_aspect_and_centres(tmp_path):
    image = np.full((20, 40), 255, np.uint8)  # wide: 40 x 20
    image[:, 18:22] = 0  # a vertical bar through the middle, top to bottom
    Image.fromarray(image).save(tmp_path / "s.png")
    out = load_sketch(tmp_path / "s.png", 40)
    assert out.shape == (40, 40) and out.dtype == np.uint8
    assert (out[:10] == 255).all() and (out[30:] == 255).all()  # white padding above and below
    assert (out[10:30, 18:22] == 0).all() and (out[10:30, :18] == 255).all()


def test_load_sketch_downscales_thin_strokes_to_grey_and_whitens_transparency(tmp_path):
    image = np.zeros((64, 64, 4), np.uint8)  # transparent black everywhere
    image[:, 32, 3] = 255  # one opaque black column
    Image.fromarray(image, "RGBA").save(tmp_path / "t.png")
    out = load_sketch(tmp_path / "t.png", 16)
    assert (out[:, :7] == 255).all()  # transparent became white
    assert 150 < out[:, 8].mean() < 255  # a 1-pixel stroke survives as grey


def test_load_sketch_names_a_corrupt_file(tmp_path):
    (tmp_path / "bad.png").write_bytes(b"\x89PNG\r\n\x1a\ngarbage")
    with pytest.raises(ValueError, match=r"bad.png: unreadable or corrupt image"):
        load_sketch(tmp_path / "bad.png", 16)


def test_load_sketches_stacks_in_cla_order_and_caches(mini_tree):
    bench = load_benchmark(mini_tree())
    train = load_sketches(bench, "train", 16)
    assert train.shape == (len(bench.train), 16, 16) and train.dtype == np.uint8
    np.testing.assert_array_equal(train[4], load_sketch(bench.train.paths[4], 16))
    assert len(list((bench.cache_dir / "sketches").glob("train_16px_*.npy"))) == 1
    np.testing.assert_array_equal(load_sketches(bench, "train", 16), train)
    Image.new("L", (30, 30), 0).save(bench.train.paths[4])  # a changed file is noticed
    assert (load_sketches(bench, "train", 16)[4] == 0).all()
    assert load_sketches(bench, "test", 24).shape == (len(bench.test), 24, 24)
    with pytest.raises(ValueError, match="split='val'"):
        load_sketches(bench, "val", 16)


# ------------------------------------------------------------------ datasets


def test_sketch_dataset_inverts_so_strokes_are_high():
    images = np.full((3, 8, 8), 255, np.uint8)
    images[1, 2, 3] = 0
    images[1, 4, 4] = 51
    x, y = SketchDataset(images, [5, 6, 7])[1]
    assert x.shape == (1, 8, 8) and x.dtype == torch.float32 and y == 6
    assert x[0, 2, 3] == 1 and x[0, 4, 4] == pytest.approx(0.8) and x.sum() == pytest.approx(1.8)


def test_sketch_augmentation_flips_and_shifts_without_losing_ink():
    images = np.full((1, 20, 20), 255, np.uint8)
    images[0, 8:12, 6:9] = 0  # a block away from the border
    plain, _ = SketchDataset(images, [0])[0]
    data = SketchDataset(images, [0], augment=True, max_shift=0.1)
    torch.manual_seed(0)
    draws = [data[0][0] for _ in range(30)]
    torch.manual_seed(0)
    again = [data[0][0] for _ in range(30)]
    assert all(torch.equal(a, b) for a, b in zip(draws, again))  # one seed, one result
    assert all(d.sum() == plain.sum() for d in draws)  # shifts of at most 2 px keep the block inside
    assert len({tuple(d.nonzero()[0].tolist()) for d in draws}) > 5  # the block moves
    columns = [d[0].sum(0).nonzero().flatten().float().mean() for d in draws]
    assert min(columns) < 8 < 11 < max(columns)  # centre 7 (kept) or 12 (flipped), +-2 px


def test_multiview_dataset_keeps_white_background():
    views = np.full((2, 12, 8, 8), 255, np.uint8)
    views[1, 3, 4, 4] = 0
    x, y = MultiViewDataset(views, np.array([2, 9]))[1]
    assert x.shape == (12, 1, 8, 8) and x.dtype == torch.float32 and y == 9
    assert x[3, 0, 4, 4] == 0 and x.sum() == 12 * 64 - 1


def test_datasets_reject_bad_inputs():
    with pytest.raises(ValueError, match="3 images but labels of shape"):
        SketchDataset(np.zeros((3, 8, 8), np.uint8), [1, 2])
    with pytest.raises(ValueError, match="expected a uint8 array"):
        SketchDataset(np.zeros((3, 8, 8), np.float32), [1, 2, 3])
    with pytest.raises(ValueError, match="with 4 dimensions"):
        MultiViewDataset(np.zeros((3, 8, 8), np.uint8), [1, 2, 3])


def test_datasets_batch_through_a_dataloader():
    views = np.zeros((4, 12, 8, 8), np.uint8)
    x, y = next(iter(DataLoader(MultiViewDataset(views, [0, 1, 0, 1]), batch_size=4)))
    assert x.shape == (4, 12, 1, 8, 8) and y.dtype == torch.int64


# ------------------------------------------------------------------ P x K sampler

LABELS = np.repeat(np.arange(6), [5, 5, 5, 5, 2, 9])  # class 4 has fewer than k = 4 samples


def test_pk_batches_have_p_classes_times_k_samples():
    sampler = PKSampler(LABELS, p=3, k=4, seed=1, num_batches=50)
    batches = list(sampler)
    assert len(batches) == len(sampler) == 50
    for batch in batches:
        classes = LABELS[batch]
        assert len(batch) == 12 and len(set(classes)) == 3
        assert all(n == 4 for n in Counter(classes.tolist()).values())
        groups = classes.reshape(3, 4)
        assert (groups == groups[:, :1]).all()  # grouped by class
        for group in np.array(batch).reshape(3, 4):
            if LABELS[group[0]] != 4:
                assert len(set(group.tolist())) == 4  # without replacement when possible
    assert {c for b in batches for c in LABELS[b]} == set(range(6))


def test_pk_small_class_is_drawn_with_replacement():
    batch = next(iter(PKSampler(np.array([0, 0, 1, 1, 1]), p=2, k=4, seed=0)))
    small = [i for i in batch if i < 2]
    assert len(small) == 4 and set(small) <= {0, 1}


def test_pk_is_deterministic_per_seed_and_epoch():
    a, b = PKSampler(LABELS, 2, 3, seed=7), PKSampler(LABELS, 2, 3, seed=7)
    assert list(a) == list(b)
    first = list(a)
    a.set_epoch(1)
    assert list(a) != first
    b.set_epoch(1)
    assert list(a) == list(b)
    assert list(PKSampler(LABELS, 2, 3, seed=8)) != first
    assert len(a) == len(LABELS) // 6


def test_pk_distributed_ranks_get_disjoint_batches_of_one_sequence():
    single = list(PKSampler(LABELS, 2, 3, seed=3, num_batches=12))
    ranks = [list(PKSampler(LABELS, 2, 3, seed=3, num_batches=4, num_replicas=3, rank=r)) for r in range(3)]
    assert all(len(r) == 4 for r in ranks)
    assert [batch for step in zip(*ranks) for batch in step] == single
    assert PKSampler(LABELS, 2, 3, num_replicas=2).num_batches == len(LABELS) // 12


def test_pk_rejects_bad_parameters():
    with pytest.raises(ValueError, match=r"p=7: expected an integer from 1 to the number of classes \(6\)"):
        PKSampler(LABELS, 7, 2)
    with pytest.raises(ValueError, match="k=0"):
        PKSampler(LABELS, 2, 0)
    with pytest.raises(ValueError, match="rank=2"):
        PKSampler(LABELS, 2, 2, num_replicas=2, rank=2)
    with pytest.raises(ValueError, match="non-empty"):
        PKSampler([], 1, 1)


def test_pk_sampler_feeds_a_dataloader():
    data = SketchDataset(np.full((len(LABELS), 8, 8), 255, np.uint8), LABELS)
    loader = DataLoader(data, batch_sampler=PKSampler(LABELS, p=2, k=2, seed=0))
    x, y = next(iter(loader))
    assert x.shape == (4, 1, 8, 8) and y[0] == y[1] and y[2] == y[3] and y[0] != y[2]
