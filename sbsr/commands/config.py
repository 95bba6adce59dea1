"""``sbsr config show``: the whole training config that ``sbsr train`` would use, as JSON.

    sbsr config show [--preset quick|default|paper] [--config FILE] [--variant V]
                     [--set section.field=value ...]

The output is what ``sbsr train --config`` reads: save it, edit it, pass it back.
``sbsr train`` and ``sbsr experiment ablations`` take the same options, resolved by
:func:`sbsr.train.config.resolve`: the preset (default ``default``), then the fields of
the ``--config`` file (whole or partial), then ``--variant`` and each ``--set``, every
layer replacing fields of the one before. A ``--set`` value is read as JSON, else kept
as a string: ``--set spal.steps=5000 --set 'metric.hidden=[1024,512,256]'
--set sketch.arch=resnet50``.
"""

from __future__ import annotations

import json

from sbsr.commands.data import reports_errors

#: The names of :data:`sbsr.train.config.PRESETS` (not imported here: it loads torch).
PRESETS = ("quick", "default", "paper")


def add_config_arguments(parser, variant: bool = True) -> None:
    """``--preset``, ``--config``, ``--set`` (and ``--variant``) on ``parser``."""
    parser.add_argument("--preset", default="default", choices=PRESETS,
                        help="training preset to start from (default: %(default)s)")
    parser.add_argument("--config", metavar="FILE",
                        help="JSON file of config fields (whole or partial), applied on top of the preset")
    if variant:
        parser.add_argument("--variant", help="ablation variant (presets: full); short for --set variant=V")
    parser.add_argument("--set", action="append", default=[], metavar="SECTION.FIELD=VALUE",
                        help="change one field, e.g. spal.steps=5000 (value: JSON, else a string); repeatable")


def config_from_args(args):
    """The :class:`~sbsr.train.config.TrainConfig` that the options of :func:`add_config_arguments` name."""
    from sbsr.train.config import parse_override, resolve

    overrides = {"variant": args.variant} if getattr(args, "variant", None) else {}
    overrides.update(parse_override(text) for text in args.set)
    return resolve(args.preset, args.config, overrides)


@reports_errors
def run_show(args) -> int:
    print(json.dumps(config_from_args(args).to_dict(), indent=2))
    return 0


def register(subparsers) -> None:
    config = subparsers.add_parser("config", help="show the training config a preset and overrides make")
    which = config.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    show = which.add_parser("show", help="print the whole resolved config as JSON (what sbsr train --config reads)")
    add_config_arguments(show)
    show.set_defaults(func=run_show)
