"""Multi-view shape encoder (MVCNN): one shared CNN over the views, pooled."""

from __future__ import annotations

import torch
from torch import nn

POOLINGS = ("max", "mean")


def pool_views(features: torch.Tensor, pooling: str = "max") -> torch.Tensor:
    """``(B, V, F)`` -> ``(B, F)``: element-wise max (MVCNN) or mean over views."""
    if pooling == "max":
        return features.amax(dim=1)
    if pooling == "mean":
        return features.mean(dim=1)
    raise ValueError(f"view pooling={pooling!r} is unknown; valid: {', '.join(POOLINGS)}")


class MultiViewEncoder(nn.Module):
    """``(B, V, H, W)`` or ``(B, V, C, H, W)`` views -> ``(B, cnn.out_features)``.

    Every view goes through the same ``cnn``; the view features are pooled.
    """

    def __init__(self, cnn: nn.Module, pooling: str = "max"):
        super().__init__()
        pool_views(torch.zeros(1, 1, 1), pooling)  # validates the name
        self.cnn = cnn
        self.pooling = pooling
        self.out_features = cnn.out_features

    def forward(self, views: torch.Tensor) -> torch.Tensor:
        if views.dim() == 4:
            views = views.unsqueeze(2)
        if views.dim() != 5:
            raise ValueError(f"views must be (B, V, H, W) or (B, V, C, H, W), got {tuple(views.shape)}")
        b, v = views.shape[:2]
        features = self.cnn(views.flatten(0, 1))
        return pool_views(features.view(b, v, -1), self.pooling)
