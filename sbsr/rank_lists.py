"""Rank lists in the official SHREC format: write one file per query, read them back, score them.

A rank list is one ASCII file per query, named by the query id with no
extension (``1921`` for ``1921.png``). Its first line is the query name; each
following line is ``<model name> <distance>``, best match first. A model name
is a one-letter prefix and the model's ``.cla`` id: ``m665`` for SHREC'13 id
``665``; SHREC'14 ids are zero-padded (``000003``) and keep their padding
(``m000003``). Reading drops the first character of the name and looks the
rest up among the ``.cla`` ids, as the official script does.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np

from sbsr.data.shrec import read_cla
from sbsr.io import write_text
from sbsr.metrics import RetrievalScores, _distance_matrix, evaluate_ranking


class RankList(NamedTuple):
    """One query's rank list: its name, the model names best first, their distances."""

    query: str
    models: list[str]
    distances: list[float]


def write_rank_lists(directory: str | os.PathLike, distances, query_ids: Sequence[str],
                     target_ids: Sequence[str], prefix: str = "m") -> list[Path]:
    """Write one rank list per query into ``directory``; return the paths, in query order.

    Args:
        distances: (Q, T) numpy array or torch tensor, smaller is better.
            Targets are listed by ascending distance, ties by target index
            (the ranking of :func:`sbsr.metrics.evaluate`).
        query_ids: Q query ids (file names and first lines).
        target_ids: T model ids as in the ``.cla`` file, e.g. ``"000003"``.
        prefix: the one letter put before every model id.

    Each file is written atomically. Distances are written with 9 significant
    digits; the order of the lines, not the printed value, is the ranking.
    """
    dist = _distance_matrix(distances)
    if not np.isfinite(dist).all():
        raise ValueError("distances contain NaN or infinity; all must be finite")
    if dist.shape != (len(query_ids), len(target_ids)):
        raise ValueError(
            f"distances have shape {dist.shape}, but there are {len(query_ids)} query ids "
            f"and {len(target_ids)} target ids"
        )
    if len(prefix) != 1:
        raise ValueError(f"prefix must be one character (the official reader drops one), "
                         f"got {prefix!r}")
    names = np.array([prefix + str(i) for i in target_ids], dtype=object)
    directory = Path(directory)
    paths = []
    for query, row in zip(query_ids, dist):
        order = np.argsort(row, kind="stable")
        lines = [str(query)]
        lines += [f"{name} {value:.9g}" for name, value in zip(names[order], row[order].tolist())]
        path = directory / str(query)
        write_text(path, "\n".join(lines) + "\n")
        paths.append(path)
    return paths


def read_rank_list(path: str | os.PathLike) -> RankList:
    """Read one rank list; errors name the file and line."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"rank list {path} does not exist")
    try:
        lines = path.read_text(encoding="ascii").splitlines()
    except UnicodeDecodeError as err:
        raise ValueError(f"{path}: a rank list must be ASCII text ({err})") from None
    if not lines or not lines[0].strip():
        raise ValueError(f"{path}:1: expected the query name on the first line")
    models, distances = [], []
    for lineno, line in enumerate(lines[1:], start=2):
        tokens = line.split()
        if not tokens:
            continue
        if len(tokens) != 2:
            raise ValueError(f"{path}:{lineno}: expected '<model name> <distance>', "
                             f"found {line.strip()!r}")
        try:
            distances.append(float(tokens[1]))
        except ValueError:
            raise ValueError(f"{path}:{lineno}: distance {tokens[1]!r} is not a number") from None
        models.append(tokens[0])
    return RankList(lines[0].strip(), models, distances)


def ranked_indices(directory: str | os.PathLike, query_ids: Sequence[str],
                   target_ids: Sequence[str]) -> np.ndarray:
    """(Q, T) target indices, best first, read from the rank list of every query.

    A model name maps to the target whose id equals the name without its
    first character. Every list must name each of the T targets exactly once.
    """
    directory = Path(directory)
    index_of = {str(t): i for i, t in enumerate(target_ids)}
    ranked = np.empty((len(query_ids), len(target_ids)), dtype=np.int64)
    for q, query in enumerate(query_ids):
        path = directory / str(query)
        rank_list = read_rank_list(path)
        if rank_list.query != str(query):
            raise ValueError(f"{path}:1: names query {rank_list.query!r}, expected {query!r}")
        row = np.array([index_of.get(m[1:], -1) for m in rank_list.models], dtype=np.int64)
        if (row < 0).any():
            unknown = rank_list.models[int(np.flatnonzero(row < 0)[0])]
            raise ValueError(f"{path}: model {unknown!r} (id {unknown[1:]!r}) is not "
                             "in the model class file")
        if len(row) != len(target_ids) or len(np.unique(row)) != len(row):
            raise ValueError(
                f"{path}: lists {len(row)} models ({len(np.unique(row))} distinct); the "
                f"evaluation needs every one of the {len(target_ids)} models exactly once"
            )
        ranked[q] = row
    return ranked


def evaluate_rank_lists(directory: str | os.PathLike, model_cla: str | os.PathLike,
                        sketch_cla: str | os.PathLike) -> RetrievalScores:
    """Score the rank lists in ``directory`` as the official SHREC evaluation does.

    The queries are the ids of ``sketch_cla`` in file order, their classes
    from it; the targets and C come from ``model_cla``.
    """
    query_ids, query_labels = _flatten(read_cla(sketch_cla))
    target_ids, target_labels = _flatten(read_cla(model_cla))
    ranked = ranked_indices(directory, query_ids, target_ids)
    return evaluate_ranking(ranked, query_labels, target_labels)


def _flatten(classes: dict[str, list[str]]) -> tuple[list[str], list[str]]:
    ids = [i for members in classes.values() for i in members]
    labels = [name for name, members in classes.items() for _ in members]
    return ids, labels
