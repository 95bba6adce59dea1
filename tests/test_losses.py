import pytest
import torch

from sbsr.losses import (
    class_means,
    cmd_loss,
    cross_modal_triplet_loss,
    discriminator_accuracy,
    discriminator_loss,
    generator_loss,
    iaml_loss,
    pairwise_distances,
    triplet_loss,
)


def batch(seed=0, n=12, dim=5, classes=3):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(n, dim, generator=g), torch.arange(n) % classes


def loop_batch_hard(emb, labels, ref, ref_labels, same, margin):
    """Reference: one anchor at a time, hardest positive and negative by hand."""
    losses = []
    for a in range(len(emb)):
        pos = [torch.dist(emb[a], ref[p]) for p in range(len(ref))
               if ref_labels[p] == labels[a] and not (same and p == a)]
        neg = [torch.dist(emb[a], ref[n]) for n in range(len(ref)) if ref_labels[n] != labels[a]]
        if pos and neg:
            losses.append(torch.relu(margin + max(pos) - min(neg)))
    return torch.stack(losses).mean()


def test_pairwise_distances_match_cdist():
    a, _ = batch(0)
    b, _ = batch(1, n=7)
    torch.testing.assert_close(pairwise_distances(a, b), torch.cdist(a, b), atol=1e-5, rtol=1e-5)


@pytest.mark.parametrize("cross", [False, True])
def test_batch_hard_matches_loop(cross):
    emb, labels = batch(0)
    ref, ref_labels = (batch(1, n=9) if cross else (emb, labels))
    got = triplet_loss(emb, labels, ref if cross else None, ref_labels if cross else None, margin=1.0)
    want = loop_batch_hard(emb, labels, ref, ref_labels, not cross, 1.0)
    torch.testing.assert_close(got, want, atol=1e-5, rtol=1e-5)


def test_importance_tends_to_batch_hard_and_to_all_pairs():
    emb, labels = batch(2)
    hard = iaml_loss(emb, labels, margin=1.0, mining="batch_hard")
    torch.testing.assert_close(iaml_loss(emb, labels, margin=1.0, alpha=1e4, beta=1e4), hard)
    # alpha = beta = 0: plain means over positives and negatives
    d = torch.cdist(emb, emb)
    losses = []
    for a in range(len(emb)):
        pos = [d[a, p] for p in range(len(emb)) if labels[p] == labels[a] and p != a]
        neg = [d[a, n] for n in range(len(emb)) if labels[n] != labels[a]]
        losses.append(torch.relu(1.0 + sum(pos) / len(pos) - sum(neg) / len(neg)))
    want = torch.stack(losses).mean()
    torch.testing.assert_close(iaml_loss(emb, labels, margin=1.0, alpha=0, beta=0), want,
                               atol=1e-5, rtol=1e-5)


def test_iaml_weights_hard_pairs_more():
    # anchor 0 with a near and a far positive: the far one gets the larger gradient
    emb = torch.tensor([[0.0, 0.0], [0.1, 0.0], [1.0, 0.0], [0.0, 3.0]], requires_grad=True)
    labels = torch.tensor([0, 0, 0, 1])
    iaml_loss(emb[[0]], labels[[0]], emb[1:], labels[1:], margin=5.0, alpha=2.0).backward()
    assert emb.grad[2].norm() > emb.grad[1].norm() > 0


def test_iaml_zero_for_well_separated_classes_and_unknown_mining():
    emb = torch.tensor([[0.0, 0.0], [0.0, 0.01], [10.0, 0.0], [10.0, 0.01]])
    labels = torch.tensor([0, 0, 1, 1])
    for mining in ("importance", "batch_hard"):
        assert iaml_loss(emb, labels, margin=1.0, mining=mining) == 0
    with pytest.raises(ValueError, match="importance, batch_hard"):
        iaml_loss(emb, labels, mining="semi")


def test_cross_modal_triplet_uses_sketch_anchors_only():
    sk, sk_labels = batch(3, n=6)
    sh, sh_labels = batch(4, n=6)
    want = loop_batch_hard(sk, sk_labels, sh, sh_labels, False, 0.5)
    torch.testing.assert_close(cross_modal_triplet_loss(sk, sk_labels, sh, sh_labels, margin=0.5),
                               want, atol=1e-5, rtol=1e-5)


def test_cmd_matches_per_class_loop():
    sk, sk_labels = batch(5, n=9, classes=3)
    sh, sh_labels = batch(6, n=8, classes=4)  # class 3 only among shapes: ignored
    gaps = [torch.dist(sk[sk_labels == c].mean(0), sh[sh_labels == c].mean(0)) for c in range(3)]
    torch.testing.assert_close(cmd_loss(sk, sk_labels, sh, sh_labels), torch.stack(gaps).mean())
    torch.testing.assert_close(cmd_loss(sk, sk_labels, sh, sh_labels, squared=True),
                               torch.stack(gaps).pow(2).mean())
    assert cmd_loss(sk, sk_labels, sh, sh_labels + 10) == 0
    assert class_means(sk, sk_labels, torch.tensor([1])).shape == (1, 5)


def test_cmd_is_zero_when_class_means_agree():
    sh, labels = batch(7)
    shifted = sh.clone()
    for c in range(3):  # move every sample, keep each class mean
        noise = torch.randn(int((labels == c).sum()), 5)
        shifted[labels == c] += noise - noise.mean(0)
    assert (shifted - sh).abs().max() > 0.1
    assert cmd_loss(shifted, labels, sh, labels) < 1e-3


@pytest.mark.parametrize("kind", ["bce", "lsgan"])
def test_adversarial_losses_reward_the_right_side(kind):
    confident_real, confident_fake = torch.full((4,), 5.0), torch.full((4,), -5.0)
    assert discriminator_loss(confident_real, confident_fake, kind) < discriminator_loss(
        confident_fake, confident_real, kind)
    assert generator_loss(confident_real, kind) < generator_loss(confident_fake, kind)
    assert discriminator_accuracy(confident_real, confident_fake) == 1.0
    assert discriminator_accuracy(confident_fake, confident_real) == 0.0
    with pytest.raises(ValueError, match="bce, lsgan"):
        generator_loss(confident_real, "wgan")


def test_bce_generator_loss_is_non_saturating():
    fake = torch.full((3,), -8.0, requires_grad=True)  # D is sure these are fake
    generator_loss(fake, "bce").backward()
    assert fake.grad.abs().min() > 0.1
