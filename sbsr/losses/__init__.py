"""Losses of DCA: IAML (and plain triplet), CMD, adversarial."""

from sbsr.losses.adversarial import (
    GAN_KINDS,
    discriminator_accuracy,
    discriminator_loss,
    generator_loss,
    gradient_penalty,
)
from sbsr.losses.cmd import CMD_REDUCTIONS, class_means, cmd_loss
from sbsr.losses.iaml import (
    MININGS,
    cross_modal_triplet_loss,
    iaml_loss,
    pairwise_distances,
    triplet_loss,
)

__all__ = [
    "CMD_REDUCTIONS",
    "GAN_KINDS",
    "MININGS",
    "class_means",
    "cmd_loss",
    "cross_modal_triplet_loss",
    "discriminator_accuracy",
    "discriminator_loss",
    "generator_loss",
    "gradient_penalty",
    "iaml_loss",
    "pairwise_distances",
    "triplet_loss",
]
