"""SPAL's options: T's form, D's strength, CMD's reduction, the metric loss's pairs, and the
metric nets that learn during SPAL."""

import numpy as np
import pytest
import torch
from torch import nn

from sbsr.losses import cmd_loss, gradient_penalty
from sbsr.models import Discriminator, MetricNet, Transform
from sbsr.train import stages
from sbsr.train.experiment import train_variant
from test_training import make_data, tiny_config, tiny_map


def test_transform_without_batch_norm_and_with_tanh():
    t = Transform(8, (16, 16), normalize=False, batchnorm=False, output="tanh")
    assert not any(isinstance(m, nn.BatchNorm1d) for m in t.modules())
    assert all(layer.bias is not None for layer in t.net if isinstance(layer, nn.Linear))
    x = 100 * torch.randn(50, 8)
    assert t(x).abs().max() <= 1
    t.output = "linear"  # the same weights without tanh reach far beyond 1
    assert t(x).abs().max() > 10
    assert any(isinstance(m, nn.BatchNorm1d) for m in Transform(8, (16,)).modules())
    with pytest.raises(ValueError, match="valid: linear, tanh"):
        Transform(8, (4,), output="sigmoid")


def test_spectral_norm_bounds_every_layer_of_d():
    d = Discriminator(8, (32, 32), spectral_norm=True)
    for _ in range(20):  # the power iteration converges as D is used
        d(torch.randn(16, 8))
    linears = [m for m in d.net if isinstance(m, nn.Linear)]
    assert len(linears) == 3
    for layer in linears:
        assert torch.linalg.matrix_norm(layer.weight, ord=2).item() == pytest.approx(1.0, abs=0.05)


def test_gradient_penalty_of_a_linear_d_is_its_squared_weight_norm():
    d = Discriminator(4, ())
    w = d.net[0].weight
    assert gradient_penalty(d, torch.randn(10, 4)).item() == pytest.approx(w.pow(2).sum().item(), rel=1e-5)
    assert gradient_penalty(d, torch.randn(10, 4)).requires_grad  # D learns through it


def test_cmd_summed_over_classes_is_class_count_times_the_mean():
    g = torch.Generator().manual_seed(0)
    fake, real = torch.randn(12, 4, generator=g), torch.randn(9, 4, generator=g)
    fake_labels, real_labels = torch.arange(12) % 4, torch.arange(9) % 3  # classes 0, 1, 2 in both
    mean = cmd_loss(fake, fake_labels, real, real_labels)
    assert cmd_loss(fake, fake_labels, real, real_labels, reduction="sum").item() == pytest.approx(3 * mean.item())
    with pytest.raises(ValueError, match="valid: mean, sum"):
        cmd_loss(fake, fake_labels, real, real_labels, reduction="max")


def spal_run(tmp_path, **changes):
    data, config = make_data(), tiny_config(**{f"spal.{k}": v for k, v in changes.items()})
    return train_variant(data, config, tmp_path, tiny_map, progress=False)


def test_every_spal_option_trains_and_changes_t(tmp_path):
    plain = spal_run(tmp_path)
    for changes in ({"transform_batchnorm": False, "transform_output": "tanh"}, {"cmd_reduction": "sum"},
                    {"metric_pairs": "sketch-sketch"}, {"disc_steps": 3}, {"gradient_penalty": 1.0},
                    {"disc_spectral_norm": True}):
        other = spal_run(tmp_path, **changes)
        assert 0 < other["metrics"]["mAP"] <= 1, changes
        assert not np.allclose(plain["embeddings"]["sketch_test_adapted"],
                               other["embeddings"]["sketch_test_adapted"]), changes


def test_without_the_adversarial_term_there_is_no_d_step(tmp_path):
    data, config = make_data(), tiny_config()
    run = train_variant(data, config.replace(variant="full_no_adversarial"), tmp_path, tiny_map, progress=False)
    assert "d_loss" not in run["history"]["spal"][0] and run["history"]["spal"][0]["g_loss"] == 0
    full = train_variant(data, config, tmp_path, tiny_map, progress=False)
    assert "d_loss" in full["history"]["spal"][0]


def test_extra_discriminator_steps_are_taken(tmp_path, monkeypatch):
    calls = []
    real_loss = stages.discriminator_loss
    monkeypatch.setattr(stages, "discriminator_loss", lambda *a, **k: calls.append(1) or real_loss(*a, **k))
    spal_run(tmp_path, disc_steps=3, steps=10)
    assert len(calls) == 30


def spal_with_learning_sketch_net(sketch_net, features, labels, shape_net, shape_features, shape_labels):
    config = tiny_config(**{"spal.sketch_lr": 1e-2, "spal.adversarial_weight": 0.0, "spal.cmd_weight": 0.0,
                            "spal.metric_weight": 0.0, "spal.steps": 20})
    stages.train_spal(sketch_net, features, labels, shape_net, shape_features, shape_labels, config.spal,
                      config.metric, 0, stages.RunOptions(progress=False))


def test_a_sketch_net_that_learns_in_spal_keeps_its_own_metric_loss():
    # with every term of T's loss weighted 0, only the sketch net's own IAML can move it
    g = torch.Generator().manual_seed(0)
    labels = torch.arange(48) % 6
    features = torch.randn(48, 10, generator=g) + 2 * nn.functional.one_hot(labels, 10).float()
    sketch_net, shape_net = MetricNet(10, (16,), 8), MetricNet(10, (16,), 8)
    before = [p.detach().clone() for p in sketch_net.parameters()]
    spal_with_learning_sketch_net(sketch_net, features, labels, shape_net, features, labels)
    moved = [not torch.equal(a, b) for a, b in zip(before, sketch_net.parameters())]
    assert all(moved)
