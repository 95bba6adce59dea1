"""Cross-modality transformation network T: sketch embedding -> shape embedding space."""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from sbsr.models.metric_net import mlp


class Transform(nn.Module):
    """T: ``dim -> hidden... -> dim`` (one re-implementation: 128 -> 64 -> 32 -> 64 -> 128).

    ``residual=True`` computes ``x + f(x)`` with the last layer of ``f`` set to
    zero, so T starts as the identity. ``normalize`` L2-normalises the output,
    to match L2-normalised shape embeddings.
    """

    def __init__(
        self,
        dim: int = 128,
        hidden: tuple[int, ...] = (64, 32, 64),
        residual: bool = False,
        normalize: bool = True,
    ):
        super().__init__()
        self.net = mlp((dim, *hidden, dim))
        self.residual = residual
        self.normalize = normalize
        if residual:
            nn.init.zeros_(self.net[-1].weight)
            nn.init.zeros_(self.net[-1].bias)

    def forward(self, sketch_emb: torch.Tensor) -> torch.Tensor:
        out = self.net(sketch_emb)
        if self.residual:
            out = sketch_emb + out
        return F.normalize(out, dim=1) if self.normalize else out
