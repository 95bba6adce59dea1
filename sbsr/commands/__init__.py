"""Subcommands of the ``sbsr`` command line (see :mod:`sbsr.cli`)."""
