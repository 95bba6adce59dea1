"""Training DCA: configs, stages, checkpoints, multi-process, ablation experiments."""

from sbsr.train.config import (
    PRESETS,
    VARIANTS,
    BackboneConfig,
    FinetuneConfig,
    JointConfig,
    MetricConfig,
    SpalConfig,
    TrainConfig,
    preset,
    resolve,
)

__all__ = [
    "PRESETS",
    "VARIANTS",
    "BackboneConfig",
    "FinetuneConfig",
    "JointConfig",
    "MetricConfig",
    "SpalConfig",
    "TrainConfig",
    "preset",
    "resolve",
]
