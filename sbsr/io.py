"""Files that are either whole or absent (write to a temporary file, then rename), and made
by one process at a time (:func:`exclusive`, :func:`make_once`)."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Callable


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike):
    """Yield a temporary path beside ``path``; rename it onto ``path`` on success.

    On an exception the temporary file is removed, so a crash never leaves a
    half-written ``path`` behind.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_bytes(path: str | os.PathLike, data: bytes) -> None:
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


def write_text(path: str | os.PathLike, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def write_json(path: str | os.PathLike, obj) -> None:
    write_text(path, json.dumps(obj, indent=2, sort_keys=True) + "\n")


@contextlib.contextmanager
def exclusive(path: str | os.PathLike):
    """One process at a time in this block for ``path``: processes that would make the
    same file (two chapters of the book built side by side) take turns, and the second,
    checking again inside, finds the file made. The lock is the file ``.<name>.lock``
    beside ``path``; the operating system releases it when its process ends, however.
    """
    from filelock import FileLock

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(path.parent / f".{path.name}.lock"):
        yield


def make_once(path: str | os.PathLike, make: Callable[[], None], done: Callable[[], bool] | None = None) -> None:
    """Call ``make()`` unless ``done()`` (default: ``path`` exists), in :func:`exclusive` for
    ``path``: a process that waited there for another one checks again and finds it done."""
    done = done or Path(path).exists
    if not done():
        with exclusive(path):
            if not done():
                make()
