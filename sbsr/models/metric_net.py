"""Metric network: CNN feature -> embedding (paper: 2048 -> 1024 -> 512 -> 256 -> 128)."""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn


def mlp(sizes: tuple[int, ...], batchnorm: bool = True) -> nn.Sequential:
    """Linear layers through ``sizes`` with BN (when ``batchnorm``) and ReLU between them,
    none after the last."""
    if len(sizes) < 2:
        raise ValueError(f"an MLP needs at least an input and an output size, got {sizes}")
    layers: list[nn.Module] = []
    for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        last = i == len(sizes) - 2
        layers.append(nn.Linear(n_in, n_out, bias=last or not batchnorm))  # BN has its own shift
        if not last:
            layers += [nn.BatchNorm1d(n_out)] if batchnorm else []
            layers.append(nn.ReLU(inplace=True))
    return nn.Sequential(*layers)


class MetricNet(nn.Module):
    """``in_features -> hidden... -> out_features``; optionally L2-normalised output."""

    def __init__(
        self,
        in_features: int,
        hidden: tuple[int, ...] = (1024, 512, 256),
        out_features: int = 128,
        normalize: bool = True,
    ):
        super().__init__()
        self.net = mlp((in_features, *hidden, out_features))
        self.normalize = normalize
        self.out_features = out_features

    def forward(self, features: torch.Tensor) -> torch.Tensor:
        emb = self.net(features)
        return F.normalize(emb, dim=1) if self.normalize else emb
