"""Losses of DCA: IAML (and plain triplet), CMD, adversarial."""

from sbsr.losses.adversarial import (
    GAN_KINDS,
    discriminator_accuracy,
    discriminator_loss,
    generator_loss,
)
from sbsr.losses.cmd import class_means, cmd_loss
from sbsr.losses.iaml import (
    MININGS,
    cross_modal_triplet_loss,
    iaml_loss,
    pairwise_distances,
    triplet_loss,
)

__all__ = [
    "GAN_KINDS",
    "MININGS",
    "class_means",
    "cmd_loss",
    "cross_modal_triplet_loss",
    "discriminator_accuracy",
    "discriminator_loss",
    "generator_loss",
    "iaml_loss",
    "pairwise_distances",
    "triplet_loss",
]
