"""Cross-modality mean discrepancy (CMD): class-by-class alignment of two feature sets."""

from __future__ import annotations

import torch


def class_means(emb: torch.Tensor, labels: torch.Tensor, classes: torch.Tensor) -> torch.Tensor:
    """Mean embedding of each class in ``classes``: ``(len(classes), dim)``."""
    onehot = (labels[None, :] == classes[:, None]).to(emb.dtype)
    return (onehot @ emb) / onehot.sum(1, keepdim=True)


def cmd_loss(
    emb: torch.Tensor,
    labels: torch.Tensor,
    ref_emb: torch.Tensor,
    ref_labels: torch.Tensor,
    squared: bool = False,
    eps: float = 1e-12,
) -> torch.Tensor:
    r"""CMD between transformed sketches ``emb`` and shapes ``ref_emb``.

    For the classes :math:`C` present in both batches::

        CMD = 1/|C| sum_{c in C} || mean_{y_i = c} T(s_i) - mean_{y_j = c} x_j ||_2

    averaged (not summed) over classes so its scale does not depend on the
    batch's class count; ``squared=True`` drops the square root. Zero when the
    batches share no class.
    """
    classes = labels.unique()
    classes = classes[torch.isin(classes, ref_labels)]
    if len(classes) == 0:
        return emb.sum() * 0.0
    gap = class_means(emb, labels, classes) - class_means(ref_emb, ref_labels, classes)
    squared_norm = gap.pow(2).sum(1)
    return squared_norm.mean() if squared else (squared_norm + eps).sqrt().mean()
