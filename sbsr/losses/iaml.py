"""Importance-aware metric learning (IAML) and the plain batch-hard triplet loss.

Losses take ``(emb, labels, ref_emb=None, ref_labels=None)`` like
pytorch-metric-learning: anchors are ``emb``; positives and negatives come from
``ref_emb`` (another modality) or, when it is None, from ``emb`` itself
(within a modality, an anchor is never its own positive).
"""

from __future__ import annotations

import torch

MININGS = ("importance", "batch_hard")


def pairwise_distances(a: torch.Tensor, b: torch.Tensor, eps: float = 1e-12) -> torch.Tensor:
    """Euclidean distances ``(len(a), len(b))``; the square root is kept differentiable at 0."""
    squared = (a.pow(2).sum(1, keepdim=True) + b.pow(2).sum(1) - 2.0 * a @ b.T).clamp_min(0.0)
    return (squared + eps).sqrt()


def _pair_masks(labels, ref_labels, same_set: bool):
    positive = labels[:, None] == ref_labels[None, :]
    negative = ~positive
    if same_set:
        positive = positive & ~torch.eye(len(labels), dtype=torch.bool, device=labels.device)
    return positive, negative


def _weighted_mean(dist, mask, logits):
    """Sum over the masked entries of each row of ``softmax(logits) * dist`` (weights detached)."""
    logits = logits.detach().masked_fill(~mask, float("-inf"))
    weights = torch.softmax(logits, dim=1).nan_to_num(0.0)
    return (weights * dist).sum(1)


def iaml_loss(
    emb: torch.Tensor,
    labels: torch.Tensor,
    ref_emb: torch.Tensor | None = None,
    ref_labels: torch.Tensor | None = None,
    margin: float = 0.2,
    mining: str = "importance",
    alpha: float = 30.0,
    beta: float = 30.0,
) -> torch.Tensor:
    r"""IAML: a triplet loss in which hard pairs weigh more.

    With :math:`d_{ij}` the Euclidean distance, for each anchor :math:`a`
    with positives :math:`P(a)` (same class) and negatives :math:`N(a)`::

        w_ap = softmax_{p in P(a)}(alpha * d_ap)      far positives weigh more
        w_an = softmax_{n in N(a)}(-beta * d_an)      near negatives weigh more
        l_a  = relu(margin + sum_p w_ap d_ap - sum_n w_an d_an)
        loss = mean of l_a over anchors having a positive and a negative

    The weights are detached: they say how much each pair's gradient counts
    (its importance) and are not themselves optimised. ``alpha, beta -> inf``
    gives batch-hard mining (farthest positive, nearest negative), which
    ``mining="batch_hard"`` computes exactly; ``alpha = beta = 0`` averages all
    pairs. The paper does not give its weighting; this soft form is our choice.
    """
    if mining not in MININGS:
        raise ValueError(f"mining={mining!r} is unknown; valid: {', '.join(MININGS)}")
    same_set = ref_emb is None
    if same_set:
        ref_emb, ref_labels = emb, labels
    elif ref_labels is None:
        raise ValueError("ref_labels must be given with ref_emb")
    if emb.shape[1] != ref_emb.shape[1]:
        raise ValueError(f"emb width {emb.shape[1]} != ref_emb width {ref_emb.shape[1]}")
    dist = pairwise_distances(emb, ref_emb)
    positive, negative = _pair_masks(labels, ref_labels, same_set)
    valid = positive.any(1) & negative.any(1)
    if not valid.any():
        return emb.sum() * 0.0
    if mining == "batch_hard":
        d_pos = dist.masked_fill(~positive, float("-inf")).amax(1)
        d_neg = dist.masked_fill(~negative, float("inf")).amin(1)
    else:
        d_pos = _weighted_mean(dist, positive, alpha * dist)
        d_neg = _weighted_mean(dist, negative, -beta * dist)
    return torch.relu(margin + d_pos - d_neg)[valid].mean()


def triplet_loss(emb, labels, ref_emb=None, ref_labels=None, margin: float = 0.2) -> torch.Tensor:
    """The plain triplet loss with batch-hard mining (IAML's limit ``alpha, beta -> inf``)."""
    return iaml_loss(emb, labels, ref_emb, ref_labels, margin=margin, mining="batch_hard")


def cross_modal_triplet_loss(
    sketch_emb, sketch_labels, shape_emb, shape_labels, margin: float = 0.2, mining: str = "batch_hard"
) -> torch.Tensor:
    """Joint-embedding baseline: sketch anchors, shape positives and negatives."""
    return iaml_loss(sketch_emb, sketch_labels, shape_emb, shape_labels, margin=margin, mining=mining)
