"""Adversarial losses: D tells shape embeddings (real) from transformed sketches (fake); T fools D."""

from __future__ import annotations

import torch
import torch.nn.functional as F

GAN_KINDS = ("bce", "lsgan")


def _check(kind: str) -> None:
    if kind not in GAN_KINDS:
        raise ValueError(f"gan kind={kind!r} is unknown; valid: {', '.join(GAN_KINDS)}")


def discriminator_loss(real_logits: torch.Tensor, fake_logits: torch.Tensor, kind: str = "bce"):
    """``bce``: -log D(x) - log(1 - D(T(s))); ``lsgan``: (D(x) - 1)^2 + D(T(s))^2 (halved)."""
    _check(kind)
    if kind == "bce":
        return F.binary_cross_entropy_with_logits(
            real_logits, torch.ones_like(real_logits)
        ) + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return 0.5 * ((real_logits - 1).pow(2).mean() + fake_logits.pow(2).mean())


def generator_loss(fake_logits: torch.Tensor, kind: str = "bce") -> torch.Tensor:
    """Non-saturating ``bce``: -log D(T(s)); ``lsgan``: (D(T(s)) - 1)^2 (halved)."""
    _check(kind)
    if kind == "bce":
        return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))
    return 0.5 * (fake_logits - 1).pow(2).mean()


def discriminator_accuracy(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> float:
    """Share of samples D classifies right (real > 0, fake < 0); 0.5 means T fools D."""
    correct = (real_logits > 0).sum() + (fake_logits < 0).sum()
    return float(correct) / (len(real_logits) + len(fake_logits))


def gradient_penalty(discriminator: torch.nn.Module, real: torch.Tensor) -> torch.Tensor:
    """R1 penalty (Mescheder et al., 2018): the mean over real samples of
    ``||grad_x D(x)||^2``. Added to D's loss with a weight, it keeps D from growing steep
    around the shapes, so that T keeps getting a gradient it can follow."""
    real = real.detach().requires_grad_(True)
    (grad,) = torch.autograd.grad(discriminator(real).sum(), real, create_graph=True)
    return grad.pow(2).sum(1).mean()
