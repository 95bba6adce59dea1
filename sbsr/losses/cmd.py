"""Cross-modality mean discrepancy (CMD): class-by-class alignment of two feature sets."""

from __future__ import annotations

import torch

CMD_REDUCTIONS = ("mean", "sum")


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
    reduction: str = "mean",
) -> torch.Tensor:
    r"""CMD between transformed sketches ``emb`` and shapes ``ref_emb``.

    For the classes :math:`C` present in both batches::

        CMD = 1/|C| sum_{c in C} || mean_{y_i = c} T(s_i)
                                 - mean_{y_j = c} x_j ||_2

    averaged over classes (``reduction="mean"``) so its scale does not depend on the
    batch's class count, or summed (``"sum"``, as the public re-implementation does: as
    many times larger as the batch has classes); ``squared=True`` drops the square root. Zero when the batches
    share no class.
    """
    if reduction not in CMD_REDUCTIONS:
        raise ValueError(f"reduction={reduction!r} is unknown; valid: {', '.join(CMD_REDUCTIONS)}")
    classes = labels.unique()
    classes = classes[torch.isin(classes, ref_labels)]
    if len(classes) == 0:
        return emb.sum() * 0.0
    gap = class_means(emb, labels, classes) - class_means(ref_emb, ref_labels, classes)
    squared_norm = gap.pow(2).sum(1)
    per_class = squared_norm if squared else (squared_norm + eps).sqrt()
    return per_class.mean() if reduction == "mean" else per_class.sum()
