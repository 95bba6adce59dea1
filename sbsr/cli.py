"""The ``sbsr`` command line: one subcommand per module in :mod:`sbsr.commands`.

Each module in ``COMMANDS`` has ``register(subparsers)``, which adds its
subcommand and sets ``func`` on its parser; ``func(args)`` returns the exit code.
"""

from __future__ import annotations

import argparse
import importlib

from sbsr import __version__

COMMANDS = [
    "sbsr.commands.info",
    "sbsr.commands.data",
    "sbsr.commands.evaluate",
    "sbsr.commands.train",
    "sbsr.commands.config",
    "sbsr.commands.retrieve",
    "sbsr.commands.demo",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sbsr",
        description="Sketch-based 3D shape retrieval with deep cross-modality adaptation.",
    )
    parser.add_argument("--version", action="version", version=f"sbsr {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "func"):
        parser.print_help()
        return 0
    return int(args.func(args) or 0)
