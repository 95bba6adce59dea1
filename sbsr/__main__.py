"""``python -m sbsr`` is the same as the ``sbsr`` command."""

from sbsr.cli import main

raise SystemExit(main())
