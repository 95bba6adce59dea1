"""Networks of the DCA model: backbones, multi-view encoder, metric nets, T and D."""

from sbsr.models.backbones import (
    ARCHS,
    CompactCNN,
    ResNet50Features,
    build_backbone,
    imagenet_weights,
    inverts_sketches,
    load_weights_file,
    resnet50,
)
from sbsr.models.discriminator import Discriminator
from sbsr.models.metric_net import MetricNet, mlp
from sbsr.models.multiview import POOLINGS, MultiViewEncoder, pool_views
from sbsr.models.transform import Transform

__all__ = [
    "ARCHS",
    "POOLINGS",
    "CompactCNN",
    "Discriminator",
    "MetricNet",
    "MultiViewEncoder",
    "ResNet50Features",
    "Transform",
    "build_backbone",
    "imagenet_weights",
    "inverts_sketches",
    "load_weights_file",
    "mlp",
    "pool_views",
    "resnet50",
]
