"""Discriminator D: embedding -> logit that it is a shape (real), not a transformed sketch."""

from __future__ import annotations

import torch
from torch import nn
from torch.nn.utils.parametrizations import spectral_norm as spectral


class Discriminator(nn.Module):
    """D: ``dim -> hidden... -> 1`` (paper: 128 -> 64 -> 1); returns logits ``(N,)``.

    LeakyReLU(0.2) between layers and no batch norm: real and fake batches are
    fed separately, and batch statistics would let D tell them apart by the
    batch rather than by the sample. ``spectral_norm`` divides each layer's weight by
    its largest singular value (Miyato et al., 2018), which bounds how steep D can be.
    """

    def __init__(self, dim: int = 128, hidden: tuple[int, ...] = (64,), spectral_norm: bool = False):
        super().__init__()
        sizes = (dim, *hidden, 1)
        layers: list[nn.Module] = []
        for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
            linear = nn.Linear(n_in, n_out)
            layers.append(spectral(linear) if spectral_norm else linear)
            if i < len(sizes) - 2:
                layers.append(nn.LeakyReLU(0.2))
        self.net = nn.Sequential(*layers)

    def forward(self, emb: torch.Tensor) -> torch.Tensor:
        return self.net(emb).squeeze(1)
