"""``sbsr train`` and ``sbsr experiment``: train one DCA variant, or run the ablations.

    sbsr train --data DIR [--preset quick|default|paper] [--config FILE] [--variant V]
               [--set section.field=value ...] [--out runs/train]
    torchrun --nproc_per_node N -m sbsr train --data DIR ...   (backbones on N GPUs)
    sbsr experiment ablations --data DIR [--seeds 3] [--preset default] [--config FILE]
                              [--set ...] [--variants full,joint_triplet] [--out runs/ablations]

The config comes from the preset, the fields of the JSON file and the ``--set``
changes, in that order (see :mod:`sbsr.commands.config`; ``sbsr config show``
prints it). Both commands print the SHREC table and write ``results.json`` with
the config beside the checkpoints.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sbsr.commands.config import add_config_arguments, config_from_args
from sbsr.commands.data import reports_errors


@reports_errors
def run_train(args) -> int:
    from sbsr.io import write_json
    from sbsr.runtime import pick_device
    from sbsr.train.distributed import barrier, init_distributed
    from sbsr.train.experiment import (backbone_features, format_table, load_data, summarize, train_variant,
                                       variant_config, variant_folder)
    from sbsr.train.stages import cpu_threads

    config = config_from_args(args)
    info = init_distributed(pick_device(config.device))
    data = load_data(args.data, config, progress=info.is_main)
    out = Path(args.out)
    # Several processes share the backbone stage; the rest is cheap and runs on the main one.
    with cpu_threads(config.cpu_threads):
        backbone_features(data, config, out / "cache", progress=info.is_main and not args.no_progress,
                          dist=info)
    barrier(info)
    if not info.is_main:
        return 0
    result = train_variant(data, config, out, progress=not args.no_progress)
    write_json(variant_folder(data, variant_config(config), out) / "results.json",
               {"config": config.to_dict(), "metrics": result["metrics"], "history": result["history"]})
    print(format_table({config.variant: summarize([result["metrics"]])}))
    return 0


@reports_errors
def run_ablations(args) -> int:
    from sbsr.train.config import VARIANTS
    from sbsr.train.experiment import format_table, load_data
    from sbsr.train.experiment import run_ablations as run

    config = config_from_args(args)
    variants = tuple(args.variants.split(",")) if args.variants else VARIANTS
    if args.seeds < 1:
        raise ValueError(f"--seeds must be >= 1, got {args.seeds}")
    data = load_data(args.data, config, progress=True)
    report = run(data, config, args.out, variants=variants, seeds=tuple(range(args.seeds)),
                 progress=not args.no_progress, workers=args.workers)
    print(format_table(report["variants"]))
    print(f"results: {Path(args.out) / 'results.json'}", file=sys.stderr)
    return 0


def register(subparsers) -> None:
    train = subparsers.add_parser("train", help="train one DCA variant (config: a preset, a file, --set)")
    add_config_arguments(train)
    train.add_argument("--data", required=True, help="benchmark folder (SHREC layout)")
    train.add_argument("--out", default="runs/train", help="checkpoints and results (default: %(default)s)")
    train.add_argument("--no-progress", action="store_true", help="no progress bars")
    train.set_defaults(func=run_train)

    experiment = subparsers.add_parser("experiment", help="run the ablation experiments")
    which = experiment.add_subparsers(dest="experiment", metavar="EXPERIMENT", required=True)
    ablations = which.add_parser("ablations", help="every variant x seed: SHREC table, mean ± 95 % interval")
    ablations.add_argument("--data", required=True, help="benchmark folder (SHREC layout)")
    ablations.add_argument("--seeds", type=int, default=3, help="seeds 0..N-1 (default: %(default)s)")
    add_config_arguments(ablations, variant=False)
    ablations.add_argument("--variants", help="comma-separated subset of the variants (default: all)")
    ablations.add_argument("--out", default="runs/ablations", help="checkpoints and results.json")
    ablations.add_argument("--workers", type=int, default=1,
                           help="processes for independent training jobs (0: one per core; default: %(default)s)")
    ablations.add_argument("--no-progress", action="store_true", help="no progress bars")
    ablations.set_defaults(func=run_ablations)
