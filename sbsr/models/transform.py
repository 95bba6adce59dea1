"""Cross-modality transformation network T: sketch embedding -> shape embedding space."""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from sbsr.models.metric_net import mlp

#: What follows T's last layer before the L2 normalisation, nothing or tanh (as in the
#: public re-implementation).
TRANSFORM_OUTPUTS = ("linear", "tanh")


class Transform(nn.Module):
    """T: ``dim -> hidden... -> dim`` (the public re-implementation: 128 -> 64 -> 32 -> 64 -> 128,
    no batch norm, tanh output).

    ``batchnorm`` puts batch norm between the layers (ReLU always); ``output="tanh"``
    ends the MLP with tanh. ``residual=True`` computes ``x + f(x)`` with the last layer
    of ``f`` set to zero, so T starts as the identity. ``normalize`` L2-normalises the
    output, to match L2-normalised shape embeddings.
    """

    def __init__(
        self,
        dim: int = 128,
        hidden: tuple[int, ...] = (64, 32, 64),
        residual: bool = False,
        normalize: bool = True,
        batchnorm: bool = True,
        output: str = "linear",
    ):
        super().__init__()
        if output not in TRANSFORM_OUTPUTS:
            raise ValueError(f"output={output!r} is unknown; valid: {', '.join(TRANSFORM_OUTPUTS)}")
        self.net = mlp((dim, *hidden, dim), batchnorm)
        self.residual = residual
        self.normalize = normalize
        self.output = output
        if residual:
            nn.init.zeros_(self.net[-1].weight)
            nn.init.zeros_(self.net[-1].bias)

    def forward(self, sketch_emb: torch.Tensor) -> torch.Tensor:
        out = self.net(sketch_emb)
        if self.output == "tanh":
            out = torch.tanh(out)
        if self.residual:
            out = sketch_emb + out
        return F.normalize(out, dim=1) if self.normalize else out
