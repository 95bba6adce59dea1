"""Training stages, checkpoints and the ablation runner on tiny synthetic data."""

import hashlib
import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import numpy as np
import pytest
import torch

from sbsr.models import CompactCNN, ResNet50Features, inverts_sketches
from sbsr.train import PRESETS, VARIANTS, MetricConfig, SpalConfig, TrainConfig, preset
from sbsr.train import stages
from sbsr.train import experiment
from sbsr.train.checkpoint import load_checkpoint, read_history, save_checkpoint
from sbsr.train.config import NARROW_T, BackboneConfig, JointConfig, parse_override, resolve
from sbsr.train.distributed import DistInfo
from sbsr.train.experiment import Data, fingerprint, format_table, run_ablations, train_variant, variant_config


def make_data(classes=6, train=12, test=6, shapes=5, size=16, views=4, seed=0):
    """Sketches: a random binary pattern per class plus noise; views: the same
    patterns rotated (another modality), so the classes align only after learning."""
    rng = np.random.default_rng(seed)
    protos = rng.random((classes, size, size)) < 0.2

    def draw(pattern, n):
        images = np.where(pattern, 40, 220)[None].repeat(n, 0) + rng.integers(-50, 50, (n, size, size))
        return np.clip(images, 0, 255).astype(np.uint8)

    def sketches(per_class):
        return (np.concatenate([draw(protos[c], per_class) for c in range(classes)]),
                np.repeat(np.arange(classes), per_class))

    rotated = np.rot90(protos, 1, (1, 2))
    shape_views = np.concatenate(
        [np.stack([draw(rotated[c], shapes) for _ in range(views)], 1) for c in range(classes)])
    return Data(*sketches(train), *sketches(test), shape_views, np.repeat(np.arange(classes), shapes))


def tiny_map(distances, query_labels, target_labels):
    """Reference mAP for tests (the library's metrics live in sbsr.metrics)."""
    aps = []
    for d, q in zip(distances, query_labels):
        relevant = target_labels[np.argsort(d, kind="stable")] == q
        ranks = np.flatnonzero(relevant) + 1
        aps.append(np.mean(np.arange(1, len(ranks) + 1) / ranks))
    return {"mAP": float(np.mean(aps)), "NN": 0.0, "FT": 0.0, "ST": 0.0, "E": 0.0, "DCG": 0.0}


def tiny_config(**changes) -> TrainConfig:
    tiny = BackboneConfig(widths=(4, 8), image_size=16, steps=6, batch_size=8)
    config = preset("quick").replace(
        sketch=tiny.__dict__, shape={**tiny.__dict__, "batch_size": 4, "augment": False},
        metric={**MetricConfig(hidden=(16,), out_features=8, steps=150, classes_per_batch=4, lr=1e-2).__dict__},
        spal={**SpalConfig(transform_hidden=(8,), disc_hidden=(8,), steps=150, classes_per_batch=4,
                           lr=1e-2, disc_lr=1e-2).__dict__},
        joint={**JointConfig(hidden=(16,), out_features=8, steps=150, classes_per_batch=4, lr=1e-2).__dict__},
    )
    return config.replace(**changes)


# ---------------------------------------------------------------- config


def test_presets_round_trip_through_dicts_and_json():
    for name in PRESETS:
        config = preset(name)
        assert TrainConfig.from_dict(json.loads(json.dumps(config.to_dict()))) == config
    assert preset("paper").sketch.arch == "resnet50"
    assert preset("paper").metric.hidden == (1024, 512, 256)


def test_config_errors_list_valid_values():
    with pytest.raises(ValueError, match="valid: importance, batch_hard"):
        preset("quick").replace(**{"metric.mining": "hardest"})
    with pytest.raises(ValueError, match="valid: .*cmd_only"):
        TrainConfig(variant="mine")
    with pytest.raises(ValueError, match=r"unknown keys \['colour'\]"):
        TrainConfig.from_dict({"colour": 1})
    with pytest.raises(ValueError, match="valid: quick, default, paper"):
        preset("huge")
    with pytest.raises(ValueError, match="micro_batches"):
        BackboneConfig(batch_size=2, micro_batches=3).validate()
    with pytest.raises(ValueError, match="valid sections: sketch, shape, metric, spal, finetune"):
        preset("quick").replace(**{"sketc.arch": "compact"})
    with pytest.raises(ValueError, match=r"config\.spal\.steps must be an integer, got 'lots'"):
        TrainConfig.from_dict({"spal": {"steps": "lots"}})
    with pytest.raises(ValueError, match=r"config\.amp must be true or false, got 1"):
        TrainConfig.from_dict({"amp": 1})
    with pytest.raises(ValueError, match=r"config\.metric\.hidden must be a list of integers"):
        TrainConfig.from_dict({"metric": {"hidden": [512, "a"]}})
    assert TrainConfig.from_dict({"spal": {"lr": 1}}).spal.lr == 1  # an integer is a number


def test_overrides_are_json_or_else_strings():
    assert parse_override("spal.steps=5000") == ("spal.steps", 5000)
    assert parse_override("metric.hidden=[1024, 512]") == ("metric.hidden", [1024, 512])
    assert parse_override("amp=false") == ("amp", False)
    assert parse_override("sketch.arch=resnet50") == ("sketch.arch", "resnet50")
    assert parse_override("device=cuda:1") == ("device", "cuda:1")
    assert parse_override("device=") == ("device", "")
    for bad in ("spal.steps", "=3"):
        with pytest.raises(ValueError, match="expected section.field=value"):
            parse_override(bad)


def test_resolve_layers_preset_file_then_overrides(tmp_path):
    assert resolve("paper") == preset("paper") and resolve() == preset("default")
    path = tmp_path / "partial.json"
    path.write_text(json.dumps({"seed": 4, "spal": {"steps": 70}, "shape": {"steps": 5}}))
    config = resolve("paper", path, {"spal.steps": 80, "variant": "cmd_only"})
    assert (config.seed, config.spal.steps, config.variant) == (4, 80, "cmd_only")
    # a section of the file changes only its own fields: the rest stays the preset's
    assert config.spal.lr == preset("paper").spal.lr and config.shape.micro_batches == 2
    assert resolve("default", path).shape.batch_size == preset("default").shape.batch_size == 16
    # a whole config (what `sbsr config show` prints) fixes every field, whatever the preset
    whole = tmp_path / "whole.json"
    whole.write_text(json.dumps(preset("paper").to_dict()))
    assert resolve("quick", whole) == resolve("default", whole) == preset("paper")


def test_resolve_names_the_file_and_the_key(tmp_path):
    path = tmp_path / "c.json"
    with pytest.raises(FileNotFoundError, match="c.json does not exist"):
        resolve(config_file=path)
    for text, message in [("{", "not valid JSON"), ("[1]", "expected a JSON object"),
                          ('{"spal": {"stepz": 1}}', "'spal.stepz' is not a config field; valid: adversarial_weight"),
                          ('{"colour": 1}', "'colour' is not a config field; valid: amp")]:
        path.write_text(text)
        with pytest.raises(ValueError, match=f"c.json: .*{message}"):
            resolve(config_file=path)
    with pytest.raises(ValueError, match="mining='hardest' is not valid; valid: importance, batch_hard"):
        resolve(overrides={"metric.mining": "hardest"})


# ---------------------------------------------------------------- stages


def features_and_labels(n_classes=5, per_class=8, dim=12, seed=0):
    g = torch.Generator().manual_seed(seed)
    centers = torch.randn(n_classes, dim, generator=g) * 2
    labels = torch.arange(n_classes).repeat_interleave(per_class)
    return centers[labels] + torch.randn(len(labels), dim, generator=g), labels


def test_metric_net_learns_to_separate_classes():
    x, y = features_and_labels()
    cfg = MetricConfig(hidden=(16,), out_features=8, steps=60, classes_per_batch=4)
    net, history = stages.train_metric_net("m", x, y, cfg, 0, stages.RunOptions(progress=False))
    assert [r["step"] for r in history] == list(range(1, 61))
    assert {"loss", "lr"} <= history[0].keys()
    assert np.mean([r["loss"] for r in history[-10:]]) < np.mean([r["loss"] for r in history[:10]])
    emb = stages.embed(net, x)
    d = torch.cdist(emb, emb).fill_diagonal_(float("inf"))
    assert (y[d.argmin(1)] == y).float().mean() > 0.9  # nearest neighbour has the same class


def test_same_seed_same_weights():
    x, y = features_and_labels()
    cfg = MetricConfig(hidden=(16,), out_features=8, steps=10, classes_per_batch=4)
    a, _ = stages.train_metric_net("m", x, y, cfg, 3, stages.RunOptions(progress=False))
    b, _ = stages.train_metric_net("m", x, y, cfg, 3, stages.RunOptions(progress=False))
    for p, q in zip(a.state_dict().values(), b.state_dict().values()):
        assert torch.equal(p, q)


def assert_same_state(a: dict, b: dict):
    assert a.keys() == b.keys()
    for name in a:
        assert torch.equal(a[name], b[name]), name


def test_resume_reproduces_uninterrupted_metric_training(tmp_path):
    x, y = features_and_labels()
    cfg = MetricConfig(hidden=(16,), out_features=8, steps=20, classes_per_batch=4)
    straight, h_straight = stages.train_metric_net("m", x, y, cfg, 1, stages.RunOptions(progress=False))
    path = tmp_path / "m.pt"
    stages.train_metric_net("m", x, y, cfg, 1, stages.RunOptions(checkpoint=path, stop_at=10, progress=False))
    assert load_checkpoint(path)["step"] == 10
    torch.manual_seed(1234)  # the resumed run must not depend on the state it starts in
    resumed, h_resumed = stages.train_metric_net("m", x, y, cfg, 1, stages.RunOptions(checkpoint=path, progress=False))
    assert_same_state(straight.state_dict(), resumed.state_dict())
    assert h_resumed == h_straight


def test_resume_reproduces_backbone_and_spal(tmp_path):
    data = make_data()
    cfg = BackboneConfig(widths=(4, 8), image_size=16, steps=6, batch_size=8, micro_batches=2)
    opts = dict(progress=False, channels_last=True)
    straight, h1 = stages.train_backbone("sketch", data.sketch_train, data.sketch_train_labels, cfg, 0,
                                         stages.RunOptions(**opts))
    path = tmp_path / "b.pt"
    stages.train_backbone("sketch", data.sketch_train, data.sketch_train_labels, cfg, 0,
                          stages.RunOptions(checkpoint=path, stop_at=3, **opts))
    resumed, h2 = stages.train_backbone("sketch", data.sketch_train, data.sketch_train_labels, cfg, 0,
                                        stages.RunOptions(checkpoint=path, **opts))
    assert_same_state(straight.state_dict(), resumed.state_dict())
    assert h1 == h2

    x, y = features_and_labels()
    metric = MetricConfig(hidden=(16,), out_features=8, steps=5, classes_per_batch=4)
    sketch_net, _ = stages.train_metric_net("s", x, y, metric, 0, stages.RunOptions(progress=False))
    shape_net, _ = stages.train_metric_net("s", x * 2, y, metric, 0, stages.RunOptions(progress=False))
    spal = SpalConfig(transform_hidden=(8,), disc_hidden=(8,), steps=12, classes_per_batch=4)
    run = lambda o: stages.train_spal(sketch_net, x, y, shape_net, x * 2, y, spal, metric, 0,
                                      stages.RunOptions(progress=False, **o))
    t1, d1, hs1 = run({})
    run({"checkpoint": tmp_path / "spal.pt", "stop_at": 5})
    t2, d2, hs2 = run({"checkpoint": tmp_path / "spal.pt"})
    assert_same_state(t1.state_dict(), t2.state_dict())
    assert_same_state(d1.state_dict(), d2.state_dict())
    assert hs1 == hs2 and {"d_loss", "d_accuracy", "cmd", "metric", "g_loss"} <= hs1[0].keys()


def test_weight_decay_is_decoupled_and_spares_norms_and_biases():
    model = torch.nn.Sequential(stages.build_encoder(BackboneConfig(widths=(4, 8)), "sketch"),
                                torch.nn.Linear(8, 3))
    optimizer = stages.make_adam(model.parameters(), lr=0.1, weight_decay=0.5)
    decay = {id(p): group["weight_decay"] for group in optimizer.param_groups for p in group["params"]}
    names = {name: decay[id(p)] for name, p in model.named_parameters()}
    assert names == {"0.features.0.weight": 0.5, "0.features.1.weight": 0.0, "0.features.1.bias": 0.0,
                     "0.features.4.weight": 0.5, "0.features.5.weight": 0.0, "0.features.5.bias": 0.0,
                     "1.weight": 0.5, "1.bias": 0.0}

    # a step with zero gradients: weights shrink by exactly 1 - lr * decay, norms and biases stay
    before = {name: p.detach().clone() for name, p in model.named_parameters()}
    for p in model.parameters():
        p.grad = torch.zeros_like(p)
    optimizer.step()
    for name, p in model.named_parameters():
        expected = before[name] * (1 - 0.1 * 0.5) if names[name] else before[name]
        torch.testing.assert_close(p.detach(), expected, rtol=1e-6, atol=0, msg=name)


def test_checkpoint_of_another_config_is_refused(tmp_path):
    x, y = features_and_labels()
    cfg = MetricConfig(hidden=(16,), out_features=8, steps=4, classes_per_batch=4)
    path = tmp_path / "m.pt"
    stages.train_metric_net("m", x, y, cfg, 0, stages.RunOptions(checkpoint=path, progress=False))
    other = MetricConfig(hidden=(16,), out_features=8, steps=4, classes_per_batch=4, margin=0.5, lr=0.1)
    with pytest.raises(ValueError, match="mismatching keys: lr, margin"):
        stages.train_metric_net("m", x, y, other, 0, stages.RunOptions(checkpoint=path, progress=False))


def test_non_finite_loss_stops_and_keeps_last_good_checkpoint(tmp_path):
    net = torch.nn.Linear(2, 1)
    optimizer = stages.make_adam(net.parameters(), 1e-3)
    path = tmp_path / "c.pt"

    def step(i):
        return {"loss": float("nan") if i == 4 else 1.0}

    with pytest.raises(FloatingPointError, match=r"stage 'toy'.* step 5.*\(step 4\)"):
        stages.run_steps("toy", step, 10, config={"a": 1}, modules={"net": net},
                         optimizers={"net": optimizer}, generator=torch.Generator(),
                         opts=stages.RunOptions(checkpoint=path, checkpoint_every=2, progress=False))
    assert load_checkpoint(path)["step"] == 4


def test_tensor_records_are_read_every_sync_every_steps_and_before_checkpoints(tmp_path):
    net = torch.nn.Linear(2, 1)
    optimizer = stages.make_adam(net.parameters(), 1e-3)
    path = tmp_path / "c.pt"

    def step(i):
        return {"loss": torch.tensor(float("nan") if i == 6 else i / 2)}

    history = stages.run_steps("toy", step, 6, config={"a": 1}, modules={"net": net},
                               optimizers={"net": optimizer}, generator=torch.Generator(),
                               opts=stages.RunOptions(sync_every=4, progress=False))
    assert [(r["step"], r["loss"]) for r in history] == [(i + 1, i / 2) for i in range(6)]
    assert all(type(r["loss"]) is float for r in history)
    # step 7 is non-finite: found when the checkpoint of step 8 is due, which is then not written
    with pytest.raises(FloatingPointError, match=r"non-finite loss at step 7.*\(step 4\)"):
        stages.run_steps("toy", step, 12, config={"a": 1}, modules={"net": net},
                         optimizers={"net": optimizer}, generator=torch.Generator(),
                         opts=stages.RunOptions(checkpoint=path, checkpoint_every=4, sync_every=100,
                                                progress=False))
    assert load_checkpoint(path)["step"] == 4


def before_augment_sketches(images, generator, shift=4):
    """The per-image augmentation the backbone step used before (reference)."""
    n, _, h, w = images.shape
    flip = torch.rand(n, generator=generator) < 0.5
    images = torch.where(flip[:, None, None, None], images.flip(-1), images)
    padded = torch.nn.functional.pad(images, (shift,) * 4, mode="replicate")
    dy, dx = torch.randint(0, 2 * shift + 1, (2, n), generator=generator).tolist()
    return torch.stack([padded[i, :, dy[i] : dy[i] + h, dx[i] : dx[i] + w] for i in range(n)])


def test_augmentation_at_once_equals_the_per_image_one():
    images = torch.randint(0, 256, (40, 1, 12, 10), dtype=torch.uint8)
    draws = stages.augmentation_draws(40, torch.Generator().manual_seed(5))
    expected = before_augment_sketches(images.float(), torch.Generator().manual_seed(5))
    assert draws[0].any() and not draws[0].all() and {0, 8} <= set(draws[1].flatten().tolist())
    assert torch.equal(stages.augment_sketches(images, *draws).float(), expected)
    assert torch.equal(stages.augment_sketches(images[:, 0], *draws), expected[:, 0].to(torch.uint8))


def test_each_process_prepares_its_share_of_the_batch():
    data = make_data()
    labels = torch.as_tensor(data.sketch_train_labels)
    encoder, cpu = CompactCNN(1, (4,)), torch.device("cpu")
    batch = torch.randperm(len(labels), generator=torch.Generator().manual_seed(0))[:8]
    generators = [torch.Generator().manual_seed(1) for _ in range(3)]
    whole = stages.prepare_batch(encoder, data.sketch_train, labels, batch, generators[0], DistInfo(), cpu)
    shares = [stages.prepare_batch(encoder, data.sketch_train, labels, batch, g, DistInfo(r, 2), cpu)
              for r, g in enumerate(generators[1:])]
    assert whole[0].shape == (8, 1, 16, 16) and whole[0].dtype == torch.float32
    assert torch.equal(torch.cat([x for x, _ in shares]), whole[0])
    assert torch.equal(torch.cat([y for _, y in shares]), whole[1])
    assert all(torch.equal(g.get_state(), generators[0].get_state()) for g in generators[1:])


def test_nan_features_name_the_stage():
    x, y = features_and_labels()
    x[0] = float("nan")
    cfg = MetricConfig(hidden=(16,), out_features=8, steps=50, classes_per_batch=5, samples_per_class=8)
    with pytest.raises(FloatingPointError, match="stage 'sketch_metric': non-finite loss at step 1"):
        stages.train_metric_net("sketch_metric", x, y, cfg, 0, stages.RunOptions(progress=False))


def test_feature_cache_computes_once(tmp_path):
    calls = []

    def compute():
        calls.append(1)
        return {"a": torch.arange(3.0)}

    first = stages.cached_features(tmp_path / "f.pt", compute)
    second = stages.cached_features(tmp_path / "f.pt", compute)
    assert len(calls) == 1 and torch.equal(first["a"], second["a"])


def test_images_must_match_configured_size():
    data = make_data()
    with pytest.raises(ValueError, match="32x32"):
        stages.train_backbone("sketch", data.sketch_train, data.sketch_train_labels,
                              BackboneConfig(image_size=32), 0, stages.RunOptions(progress=False))


@pytest.mark.parametrize("invert", [True, False])
def test_training_and_features_take_sketches_in_the_backbones_polarity(monkeypatch, invert):
    class Recorder(CompactCNN):
        invert_sketches = invert
        seen = []

        def forward(self, images):
            self.seen.append(float(images.mean()))
            return super().forward(images)

    monkeypatch.setattr(stages, "build_backbone", lambda arch, pretrained, widths: Recorder(1, widths))
    data = make_data()  # light paper (about 220), dark strokes: the mean pixel is about 0.7
    cfg = BackboneConfig(widths=(4, 8), image_size=16, steps=2, batch_size=8, augment=False)
    encoder, _ = stages.train_backbone("sketch", data.sketch_train, data.sketch_train_labels, cfg, 0,
                                       stages.RunOptions(progress=False))
    stages.extract_features(encoder, data.sketch_test, 8, torch.device("cpu"))
    assert len(Recorder.seen) == 2 + 5  # two training steps, five batches of the 36 test sketches
    means = np.array(Recorder.seen)
    assert np.all(means < 0.4) if invert else np.all(means > 0.6), means


def test_a_feature_pass_counts_images_and_takes_one_shape_at_least():
    encoder = stages.build_encoder(BackboneConfig(widths=(4, 8), image_size=16), "shape")
    views = np.random.default_rng(0).integers(0, 256, (7, 3, 16, 16), dtype=np.uint8)  # 7 shapes, 3 views
    shapes_per_pass = []
    encoder.register_forward_pre_hook(lambda module, args: shapes_per_pass.append(len(args[0])))
    features = {}
    for batch_size in (256, 6, 1):
        features[batch_size] = stages.extract_features(encoder, views, batch_size, torch.device("cpu"))
    assert shapes_per_pass == [7] + [2, 2, 2, 1] + [1] * 7
    torch.testing.assert_close(features[6], features[256])  # an image's features do not depend on its pass
    torch.testing.assert_close(features[1], features[256])


def test_backbones_state_their_sketch_polarity():
    assert CompactCNN.invert_sketches and inverts_sketches("compact")
    assert not ResNet50Features.invert_sketches and not inverts_sketches("resnet50")
    with pytest.raises(ValueError, match="valid: compact, resnet50"):
        inverts_sketches("vgg")
    with pytest.raises(ValueError, match="Linear does not say how it takes sketches"):
        stages.extract_features(torch.nn.Linear(4, 4), np.zeros((2, 4, 4), np.uint8), 2, torch.device("cpu"))


# ---------------------------------------------------------------- experiment


class CountingSha256:
    """hashlib.sha256 that adds the bytes it hashes to ``CountingSha256.hashed``."""

    hashed = 0
    real = hashlib.sha256

    def __init__(self, data=b""):
        self.sha = self.real(data)

    def update(self, data):
        CountingSha256.hashed += memoryview(data).nbytes
        self.sha.update(data)

    def hexdigest(self):
        return self.sha.hexdigest()


def test_fingerprint_hashes_an_array_that_cannot_change_once(monkeypatch):
    monkeypatch.setattr(hashlib, "sha256", CountingSha256)
    data = make_data()
    frozen = Data(*(np.array(a) for a in data))
    for array in frozen:
        array.setflags(write=False)
    first = fingerprint(frozen)
    CountingSha256.hashed = 0
    assert fingerprint(frozen) == first and CountingSha256.hashed == 0

    assert fingerprint(data) == first  # the same bytes in writable arrays: hashed on every call
    assert CountingSha256.hashed >= sum(a.nbytes for a in data)
    view = data.sketch_train.view()  # read-only, but its base can change under it
    view.setflags(write=False)
    before = fingerprint(data._replace(sketch_train=view))
    data.sketch_train[0, 0, 0] ^= 1
    assert fingerprint(data._replace(sketch_train=view)) != before


def test_fingerprint_reads_a_memory_map_without_copying_it(tmp_path):
    views = np.lib.format.open_memmap(tmp_path / "v.npy", mode="w+", dtype=np.uint8, shape=(500, 12, 64, 64))
    views[:] = 7
    views.flush()
    data = make_data()._replace(shape_views=np.load(tmp_path / "v.npy", mmap_mode="r"))
    tracemalloc.start()
    fingerprint(data)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < views.nbytes / 4, f"{peak} bytes allocated hashing {views.nbytes}"


def test_a_variant_run_is_keyed_by_the_settings_it_reads_only(tmp_path):
    # chapter 08's search base differs from the defaults in joint.*: DCA's runs are shared
    data, config = make_data(), tiny_config()
    folder = lambda c: experiment.variant_folder(data, c, tmp_path)  # noqa: E731
    full, joint = config.replace(variant="full"), config.replace(variant="joint_triplet")
    assert folder(full.replace(**{"joint.margin": 0.4})) == folder(full)
    assert folder(full.replace(**{"spal.cmd_weight": 2.0})) != folder(full)
    assert folder(full.replace(**{"metric.margin": 0.3})) != folder(full)
    assert folder(joint.replace(**{"spal.cmd_weight": 2.0, "finetune.steps": 5})) == folder(joint)
    assert folder(joint.replace(**{"joint.margin": 0.4})) != folder(joint)
    assert folder(joint.replace(**{"metric.alpha": 3.0})) != folder(joint)  # joint_iaml reads metric


def test_cache_keys_follow_every_setting_that_changes_features(monkeypatch, tmp_path):
    data, config = make_data(), tiny_config()
    folder = lambda c: experiment.backbone_folder(data, c, tmp_path, "sketch")  # noqa: E731
    assert folder(config.replace(amp=False)) == folder(config)  # autocast does nothing on the CPU
    monkeypatch.setattr(experiment, "pick_device", lambda device: torch.device("cuda"))
    assert folder(config.replace(amp=False)) != folder(config)
    monkeypatch.undo()

    before = folder(config), experiment.variant_folder(data, config, tmp_path)
    monkeypatch.setattr(CompactCNN, "invert_sketches", False)
    assert folder(config) != before[0] and experiment.variant_folder(data, config, tmp_path) != before[1]

    pretrained = config.replace(**{"sketch.arch": "resnet50", "sketch.widths": [], "sketch.pretrained": True})
    monkeypatch.setattr(experiment, "pretrained_weights", lambda arch: Path("resnet50-0676ba61.pth"))
    first = folder(pretrained)
    monkeypatch.setattr(experiment, "pretrained_weights", lambda arch: Path("resnet50-11ad3fa6.pth"))
    assert folder(pretrained) != first

    # the metric nets are keyed by the bytes of the features they learn from
    features = {"sketch_train": torch.ones(4, 3), "shapes": torch.zeros(2, 3)}
    place = {m: experiment.metric_checkpoint(features, data, config, tmp_path, m) for m in ("sketch", "shape")}
    copy = {k: v.clone() for k, v in features.items()}
    assert {m: experiment.metric_checkpoint(copy, data, config, tmp_path, m) for m in place} == place
    features["shapes"][0, 0] = 1e-6  # the shape net trains on other features; the sketch net does not
    assert experiment.metric_checkpoint(features, data, config, tmp_path, "shape") != place["shape"]
    assert experiment.metric_checkpoint(features, data, config, tmp_path, "sketch") == place["sketch"]


def test_a_history_is_read_without_the_weights(tmp_path):
    net = torch.nn.Linear(2048, 8192, bias=False)  # 64 MiB of weights, 128 MiB of AdamW state
    optimizer = stages.make_adam(net.parameters(), 1e-3)
    net.weight.grad = torch.ones_like(net.weight)
    optimizer.step()
    history = [{"step": 1, "loss": 0.5}]
    path = tmp_path / "big.pt"
    save_checkpoint(path, stage="s", step=1, config={}, modules={"net": net}, optimizers={"net": optimizer},
                    generator=torch.Generator(), history=history)
    clear_refs, status = Path("/proc/self/clear_refs"), Path("/proc/self/status")
    if not os.access(clear_refs, os.W_OK):
        pytest.skip("needs Linux's /proc/self/clear_refs to reset the peak memory")

    def mib(field):
        line = next(line for line in status.read_text().splitlines() if line.startswith(field))
        return int(line.split()[1]) // 1024

    clear_refs.write_text("5")  # the peak (VmHWM) starts again from the current size
    before = mib("VmRSS:")
    assert read_history(path) == history
    assert mib("VmHWM:") - before < 32


def test_variants_change_the_config_as_documented():
    config = tiny_config()
    assert variant_config(config, "cmd_only").spal.adversarial_weight == 0
    assert variant_config(config, "adversarial_only").spal.cmd_weight == 0
    assert variant_config(config, "full_plain_triplet").metric.mining == "batch_hard"
    no_adversarial = variant_config(config, "full_no_adversarial").spal
    assert no_adversarial.adversarial_weight == 0 and no_adversarial.cmd_weight == no_adversarial.metric_weight == 1
    assert variant_config(config, "full_no_cmd").spal.cmd_weight == 0
    assert variant_config(config, "full_narrow_t").spal.transform_hidden == NARROW_T
    with pytest.raises(ValueError, match="valid: no_adaptation, adversarial_only"):
        variant_config(config, "magic")


def test_ablations_run_cache_and_tabulate(tmp_path):
    data = make_data()
    config = tiny_config(eval_every=50)
    report = run_ablations(data, config, tmp_path, seeds=(0,), evaluate=tiny_map, progress=False)
    assert list(report["variants"]) == list(VARIANTS)
    saved = json.loads((tmp_path / "results.json").read_text())
    assert saved["config"] == config.to_dict()
    maps = {v: r["mean"]["mAP"] for v, r in report["variants"].items()}
    assert maps["full"] > maps["no_adaptation"]  # T aligns the two separately trained spaces
    assert "| full | 0.000 | 0.000 |" in format_table(report["variants"])  # NN of tiny_map is 0; one seed: no ±

    # shared stages are cached: a second run reuses every checkpoint without rewriting it
    checkpoints = sorted(tmp_path.rglob("*.pt"))
    names = {p.name for p in checkpoints}
    assert {"sketch_backbone.pt", "shape_backbone.pt", "sketch_metric.pt", "spal.pt"} <= names
    assert len([n for n in names if n.startswith("shape_features-")]) == 1
    assert len([p for p in checkpoints if p.name == "sketch_backbone.pt"]) == 1
    assert len([p for p in checkpoints if p.name == "sketch_metric.pt"]) == 2  # IAML and plain triplet
    times = {p: os.stat(p).st_mtime_ns for p in checkpoints}
    again = train_variant(data, config.replace(variant="full"), tmp_path, tiny_map, progress=False)
    assert again["metrics"] == report["variants"]["full"]["per_seed"][0]
    assert {p: os.stat(p).st_mtime_ns for p in checkpoints} == times


def test_eval_every_logs_map_and_finetune_runs(tmp_path):
    data = make_data()
    config = tiny_config(eval_every=50, **{"finetune.steps": 5})
    result = train_variant(data, config, tmp_path, tiny_map, progress=False)
    assert [r["step"] for r in result["history"]["spal"] if "mAP" in r] == [50, 100, 150]
    assert len(result["history"]["finetune"]) == 5
    assert {"sketch_backbone", "shape_backbone", "sketch_metric", "shape_metric"} <= result["history"].keys()
    assert len(result["history"]["sketch_backbone"]) == config.sketch.steps
    assert 0 < result["metrics"]["mAP"] <= 1


def test_deterministic_config_trains_every_stage_with_deterministic_algorithms(tmp_path, monkeypatch):
    seen = []
    iaml = stages.iaml_loss

    def watched_iaml(*args, **kwargs):  # used by the metric, SPAL and fine-tuning stages
        seen.append(torch.are_deterministic_algorithms_enabled())
        return iaml(*args, **kwargs)

    monkeypatch.setattr(stages, "iaml_loss", watched_iaml)
    config = tiny_config(deterministic=True, **{"metric.steps": 5, "spal.steps": 5, "finetune.steps": 2})
    assert experiment.run_options(config, None, False).deterministic
    result = train_variant(make_data(), config, tmp_path, tiny_map, progress=False)
    assert 0 < result["metrics"]["mAP"] <= 1 and seen and all(seen)
    assert not torch.are_deterministic_algorithms_enabled()


def test_cli_train_and_ablations(tmp_path, monkeypatch, capsys):
    from sbsr.cli import main
    from sbsr.train import experiment

    data = make_data()
    monkeypatch.setattr(experiment, "load_data", lambda root, config, progress=False: data)
    monkeypatch.setattr(experiment, "_default_evaluate", lambda: tiny_map)
    config = tiny_config(variant="cmd_only")
    path = tmp_path / "config.json"
    path.write_text(json.dumps(config.to_dict()))
    assert main(["train", "--config", str(path), "--data", "x", "--out", str(tmp_path / "t"),
                 "--no-progress"]) == 0
    assert "| cmd_only |" in capsys.readouterr().out
    saved = json.loads(next((tmp_path / "t" / "cmd_only").glob("seed0-*/results.json")).read_text())
    assert saved["config"]["variant"] == "cmd_only" and 0 < saved["metrics"]["mAP"] <= 1

    monkeypatch.setattr("sbsr.train.config.preset", lambda name: tiny_config())
    assert main(["experiment", "ablations", "--data", "x", "--seeds", "2", "--variants",
                 "no_adaptation,full", "--out", str(tmp_path / "a"), "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "| no_adaptation |" in out and "| full |" in out
    report = json.loads((tmp_path / "a" / "results.json").read_text())
    assert report["seeds"] == [0, 1] and len(report["variants"]["full"]["per_seed"]) == 2

    assert main(["experiment", "ablations", "--data", "x", "--variants", "best"]) == 2
    assert "valid: no_adaptation" in capsys.readouterr().err


#: ``--set`` options that shrink the quick preset to the arrays of make_data().
TINY_SETS = ["sketch.widths=[4,8]", "sketch.image_size=16", "sketch.steps=6", "sketch.batch_size=8",
             "shape.widths=[4, 8]", "shape.image_size=16", "shape.steps=6", "shape.batch_size=4",
             "metric.hidden=[16]", "metric.out_features=8", "metric.steps=20", "metric.classes_per_batch=4",
             "spal.transform_hidden=[8]", "spal.disc_hidden=[8]", "spal.steps=20", "spal.classes_per_batch=4"]


def test_config_show_prints_what_train_reads_back(tmp_path, monkeypatch, capsys):
    from sbsr.cli import main
    from sbsr.train import experiment

    data = make_data()
    monkeypatch.setattr(experiment, "load_data", lambda root, config, progress=False: data)
    monkeypatch.setattr(experiment, "_default_evaluate", lambda: tiny_map)
    options = ["--preset", "quick", "--variant", "cmd_only"] + [a for s in TINY_SETS for a in ("--set", s)]
    assert main(["config", "show", *options]) == 0
    shown = capsys.readouterr().out
    expected = resolve("quick", None, {"variant": "cmd_only", **dict(map(parse_override, TINY_SETS))})
    assert json.loads(shown) == expected.to_dict()
    assert expected.sketch.widths == (4, 8) and expected.metric.hidden == (16,)
    path = tmp_path / "config.json"
    path.write_text(shown)
    assert main(["config", "show", "--config", str(path)]) == 0
    assert capsys.readouterr().out == shown  # the printed file is a fixed point

    out = tmp_path / "t"
    assert main(["train", "--config", str(path), "--data", "x", "--out", str(out), "--no-progress"]) == 0
    assert "| cmd_only |" in capsys.readouterr().out
    (results,) = out.rglob("results.json")
    assert json.loads(results.read_text())["config"] == json.loads(shown)
    # the same options on the command line make the same config: same folder, stages reused
    times = {p: os.stat(p).st_mtime_ns for p in out.rglob("*.pt")}
    assert main(["train", *options, "--data", "x", "--out", str(out), "--no-progress"]) == 0
    assert list(out.rglob("results.json")) == [results]
    assert {p: os.stat(p).st_mtime_ns for p in out.rglob("*.pt")} == times


def test_config_errors_on_the_command_line(capsys):
    from sbsr.cli import main

    assert main(["train", "--preset", "quick", "--set", "spal.stepz=3", "--data", "x"]) == 2
    assert "'spal.stepz' is not a config field; valid: adversarial_weight" in capsys.readouterr().err
    assert main(["config", "show", "--set", "spal.steps"]) == 2
    assert "expected section.field=value" in capsys.readouterr().err
    assert main(["config", "show", "--variant", "best"]) == 2
    assert "valid: no_adaptation" in capsys.readouterr().err
    assert main(["config", "show", "--config", "missing.json"]) == 2
    assert "missing.json does not exist" in capsys.readouterr().err


def test_cross_modal_stages_need_a_shared_class():
    cfg = tiny_config().metric
    x = torch.randn(8, 16)
    sketch_labels, shape_labels = torch.tensor([0, 0, 1, 1] * 2), torch.tensor([2, 2, 3, 3] * 2)
    with pytest.raises(ValueError, match="share no class"):
        stages.train_joint_embedding(x, sketch_labels, x, shape_labels, cfg, 0, stages.RunOptions(progress=False))
    _, _, _, _, classes = stages.cross_modal_classes(sketch_labels, torch.tensor([1, 2, 3, 1]))
    assert classes == [1]


def test_progress_bar_redraws_on_its_timer_not_every_step():
    # an executed notebook keeps every redraw: one per step made a 50,000-px page. tqdm reads
    # TQDM_MININTERVAL when it is imported, as in a notebook kernel started by book/execute.py,
    # so the stage runs in a fresh process (and its redraws do not depend on this machine's speed)
    code = (
        "from sbsr.train import stages\n"
        "from test_training import features_and_labels, MetricConfig\n"
        "x, y = features_and_labels()\n"
        "cfg = MetricConfig(hidden=(16,), out_features=8, steps=200, classes_per_batch=4)\n"
        "stages.train_metric_net('m', x, y, cfg, 0, stages.RunOptions(progress=True))\n"
    )
    env = {**os.environ, "TQDM_MININTERVAL": "30",
           "PYTHONPATH": os.pathsep.join([os.path.dirname(__file__), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, check=True)
    redraws = done.stderr.count(b"\r")
    assert 0 < redraws < 10


def test_benchmarks_that_share_their_shapes_share_the_shape_backbone(tmp_path):
    data, config = make_data(), tiny_config()
    other_sketches = data._replace(sketch_train=255 - data.sketch_train)
    shape = lambda d: experiment.backbone_folder(d, config, tmp_path, "shape")  # noqa: E731
    sketch = lambda d: experiment.backbone_folder(d, config, tmp_path, "sketch")  # noqa: E731
    assert shape(other_sketches) == shape(data) and sketch(other_sketches) != sketch(data)
    other_shapes = data._replace(shape_labels=data.shape_labels[::-1].copy())
    assert shape(other_shapes) != shape(data) and sketch(other_shapes) == sketch(data)
    assert shape(data) != experiment.backbone_folder(data, config.replace(seed=1), tmp_path, "shape")


def test_joint_iaml_is_the_joint_baseline_with_the_metric_loss_of_dca(tmp_path):
    data, config = make_data(), tiny_config()
    plain = train_variant(data, config.replace(variant="joint_triplet"), tmp_path, tiny_map, progress=False)
    iaml = train_variant(data, config.replace(variant="joint_iaml"), tmp_path, tiny_map, progress=False)
    assert "joint_iaml" in iaml["history"] and "joint_triplet" in plain["history"]
    assert not np.allclose(plain["embeddings"]["shapes"], iaml["embeddings"]["shapes"])
    # with batch-hard mining in the metric config, the two are the same run
    hard = config.replace(**{"metric.mining": "batch_hard"})
    same = train_variant(data, hard.replace(variant="joint_iaml"), tmp_path / "b", tiny_map, progress=False)
    np.testing.assert_array_equal(same["embeddings"]["shapes"], plain["embeddings"]["shapes"])


def test_perturb_drops_and_adds_noise_reproducibly():
    x = torch.ones(2000, 8)
    assert stages.perturb(x, 0.0, 0.0, torch.Generator().manual_seed(0)) is x
    dropped = stages.perturb(x, 0.25, 0.0, torch.Generator().manual_seed(0))
    assert abs((dropped == 0).float().mean().item() - 0.25) < 0.01
    assert torch.allclose(dropped.mean(), torch.tensor(1.0), atol=0.02)  # the rest scaled up
    noisy = stages.perturb(x, 0.0, 0.1, torch.Generator().manual_seed(0))
    assert abs((noisy - 1).std().item() - 0.1) < 0.005
    again = stages.perturb(x, 0.25, 0.1, torch.Generator().manual_seed(3))
    assert torch.equal(again, stages.perturb(x, 0.25, 0.1, torch.Generator().manual_seed(3)))


def test_regularised_t_trains_and_differs(tmp_path):
    data, config = make_data(), tiny_config()
    plain = train_variant(data, config, tmp_path, tiny_map, progress=False)
    noisy = train_variant(data, config.replace(**{"spal.input_dropout": 0.2, "spal.input_noise": 0.05}),
                          tmp_path, tiny_map, progress=False)
    assert not np.allclose(plain["embeddings"]["sketch_test_adapted"], noisy["embeddings"]["sketch_test_adapted"])
    with pytest.raises(ValueError, match="input_dropout must be in"):
        config.replace(**{"spal.input_dropout": 1.0})


def test_differences_are_paired_by_seed_with_a_student_t_interval():
    from sbsr.train.experiment import difference

    results = {"a": {"per_seed": [{"mAP": 0.5}, {"mAP": 0.6}, {"mAP": 0.7}]},
               "b": {"per_seed": [{"mAP": 0.4}, {"mAP": 0.5}, {"mAP": 0.65}]}}
    d = difference(results, "a", "b")
    assert d["mean"] == pytest.approx(0.25 / 3) and d["n"] == 3
    assert d["half_width"] == pytest.approx(4.3027 * np.std([0.1, 0.1, 0.05], ddof=1) / np.sqrt(3), rel=1e-4)
    with pytest.raises(ValueError, match="different numbers of seeds"):
        difference({**results, "b": {"per_seed": results["b"]["per_seed"][:2]}}, "a", "b")


def test_a_frozen_pretrained_backbone_is_shared_by_every_seed(tmp_path, monkeypatch):
    data, config = make_data(), tiny_config()
    monkeypatch.setattr(experiment, "pretrained_weights", lambda arch: Path("efficientnet-lite0-57934424.pth"))
    frozen = config.replace(**{"sketch.arch": "efficientnet_lite0", "sketch.widths": [], "sketch.pretrained": True,
                               "sketch.steps": 0})
    folder = lambda c: experiment.backbone_folder(data, c, tmp_path, "sketch")  # noqa: E731
    assert folder(frozen) == folder(frozen.replace(seed=5))
    tuned = frozen.replace(**{"sketch.steps": 10})  # fine-tuned: each seed its own
    assert folder(tuned) != folder(tuned.replace(seed=5))
    assert folder(config) != folder(config.replace(seed=5))  # trained from scratch
