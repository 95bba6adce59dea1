"""Networks of the DCA model: backbones, multi-view encoder, metric nets, T and D."""

from sbsr.models.backbones import (
    ARCHS,
    CompactCNN,
    EfficientNetLite0Features,
    ResNet50Features,
    build_backbone,
    efficientnet_lite0,
    imagenet_weights,
    inverts_sketches,
    load_weights_file,
    pretrained_weights,
    resnet50,
)
from sbsr.models.discriminator import Discriminator
from sbsr.models.metric_net import MetricNet, mlp
from sbsr.models.multiview import POOLINGS, MultiViewEncoder, pool_views
from sbsr.models.transform import TRANSFORM_OUTPUTS, Transform

__all__ = [
    "ARCHS",
    "POOLINGS",
    "CompactCNN",
    "Discriminator",
    "EfficientNetLite0Features",
    "MetricNet",
    "MultiViewEncoder",
    "ResNet50Features",
    "TRANSFORM_OUTPUTS",
    "Transform",
    "build_backbone",
    "efficientnet_lite0",
    "imagenet_weights",
    "inverts_sketches",
    "load_weights_file",
    "mlp",
    "pool_views",
    "pretrained_weights",
    "resnet50",
]
