"""Discriminator D: embedding -> logit that it is a shape (real), not a transformed sketch."""

from __future__ import annotations

import torch
from torch import nn


class Discriminator(nn.Module):
    """D: ``dim -> hidden... -> 1`` (paper: 128 -> 64 -> 1); returns logits ``(N,)``.

    LeakyReLU(0.2) between layers and no batch norm: real and fake batches are
    fed separately, and batch statistics would let D tell them apart by the
    batch rather than by the sample.
    """

    def __init__(self, dim: int = 128, hidden: tuple[int, ...] = (64,)):
        super().__init__()
        layers: list[nn.Module] = []
        for n_in, n_out in zip((dim, *hidden), hidden):
            layers += [nn.Linear(n_in, n_out), nn.LeakyReLU(0.2)]
        layers.append(nn.Linear((dim, *hidden)[-1], 1))
        self.net = nn.Sequential(*layers)

    def forward(self, emb: torch.Tensor) -> torch.Tensor:
        return self.net(emb).squeeze(1)
