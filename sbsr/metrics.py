"""SHREC sketch-based retrieval scores: NN, FT, ST, E, DCG, mAP and the precision-recall curve.

The definitions are those of the official SHREC 2013/2014 evaluation, explained
with a worked example in the book page *Evaluation metrics* (``book/metrics.md``).
For a query whose class has C targets, let R_1 < R_2 < ... < R_C be the
(1-based) ranks of those C relevant targets in the query's ranked list of all
N targets. Every score is a function of these C ranks only:

- NN  = [R_1 = 1]
- FT  = #{k : R_k <= C} / C                     (first tier)
- ST  = #{k : R_k <= 2C} / C                    (second tier; divisor C, not 2C)
- E   = 2 #{k : R_k <= 32} / (32 + C)           (F1 of the top 32, not 1 - F)
- DCG = sum_k d(R_k) / sum_{i=1..C} d(i), d(1) = 1, d(i) = 1 / log2(i)
- AP  = (1/C) sum_k P_k with P_k = k / R_k; mAP is its mean over queries
- PR  = precision at recall 0.05, 0.10, ..., 1.00, linearly interpolated
  between P_{x1} and P_{x2}; only queries with C >= 2 and C * j >= 20 count at
  level j (the official ``CalAvgPerf`` / ``InterpolatePerf``).

**Ranking.** Targets are ranked by ascending distance; equal distances are
ranked by target index, smaller index first (a stable sort). The query is
never one of the targets. ``PR-mean``, the mean of the 20 PR points, is a
*secondary* figure, not mAP: some papers call it mAP (see the book page).

**How it is fast.** Rows are never sorted. For one query, a relevant target's
rank is 1 + (number of targets before it). Each row's distances are cut into
as many equal-width cells as there are targets; one histogram (``bincount``)
counts the targets in every cell, and only the few targets that share a cell
with a relevant one are sorted, exactly, by (distance, index). Cells are a
monotone function of the distance, so a target in a lower cell is always
before, and one in a higher cell always after.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

import numpy as np

#: The 20 recall levels of the official PR curve, 0.05, 0.10, ..., 1.00.
RECALL_LEVELS = np.arange(1, 21) / 20
#: E is the F1 score of the top ``E_CUTOFF`` targets, whatever C is.
E_CUTOFF = 32
#: A query counts in the PR curve only if its class has at least this many targets.
PR_MIN_CLASS_SIZE = 2
#: Per-query scores, in the order of the SHREC table (AP is averaged into mAP).
PER_QUERY = ("NN", "FT", "ST", "E", "DCG", "AP")
#: The mean scores held by a :class:`RetrievalScores`, in table order.
MEANS = ("NN", "FT", "ST", "E", "DCG", "mAP", "PR-mean")

#: Elements (rows x targets) handled at once; bounds the memory in use (about 30 bytes each).
_CHUNK_ELEMENTS = 1 << 21
#: At most this many cells per row, so that float32 cell positions stay below the cell count.
_MAX_CELLS = 1 << 20


class RetrievalScores(Mapping):
    """The SHREC scores of one evaluation: a read-only mapping ``name -> mean over queries``.

    Keys are :data:`MEANS`: ``"NN"``, ``"FT"``, ``"ST"``, ``"E"``, ``"DCG"``,
    ``"mAP"`` (the mean over queries of AP = (1/C) sum_k k / R_k) and
    ``"PR-mean"`` (the mean of the 20 PR-curve points; *not* mAP, though some
    papers report it as mAP). Values are Python floats.

    Attributes:
        per_query: ``{"NN", "FT", "ST", "E", "DCG", "AP"} -> float64 array (Q,)``,
            in the order of the queries given.
        class_sizes: int array (Q,): C, the number of targets in each query's class.
        recall: :data:`RECALL_LEVELS`.
        precision: float array (20,): the PR curve; NaN at a level no query qualifies for.
        pr_per_query: float array (Q, 20): each query's interpolated precision,
            NaN where the query does not count at that level.
    """

    def __init__(self, per_query: dict[str, np.ndarray], pr_per_query: np.ndarray,
                 class_sizes: np.ndarray):
        self.per_query = per_query
        self.pr_per_query = pr_per_query
        self.class_sizes = class_sizes
        self.recall = RECALL_LEVELS.copy()
        self.precision = _pr_mean_over_queries(pr_per_query)
        defined = self.precision[~np.isnan(self.precision)]
        self._means = {name: float(np.mean(per_query[name])) for name in PER_QUERY[:-1]}
        self._means["mAP"] = float(np.mean(per_query["AP"]))
        self._means["PR-mean"] = float(defined.mean()) if defined.size else float("nan")

    def __getitem__(self, name: str) -> float:
        return self._means[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._means)

    def __len__(self) -> int:
        return len(self._means)

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v:.4f}" for k, v in self._means.items())
        return f"RetrievalScores({inner}, queries={len(self.class_sizes)})"

    def as_dict(self) -> dict:
        """JSON-ready: the seven means, the number of queries and the PR curve."""
        return {
            **self._means,
            "queries": len(self.class_sizes),
            "PR": {"recall": self.recall.tolist(), "precision": self.precision.tolist()},
        }

    def table(self, digits: int = 3) -> str:
        """The SHREC table: a header line ``NN FT ST E DCG mAP`` and one line of means."""
        names = ("NN", "FT", "ST", "E", "DCG", "mAP")
        width = digits + 3
        head = " ".join(f"{n:>{width}}" for n in names)
        row = " ".join(f"{self._means[n]:>{width}.{digits}f}" for n in names)
        return f"{head}\n{row}"


def evaluate(distances, query_labels: Sequence, target_labels: Sequence) -> RetrievalScores:
    """SHREC scores of a query x target distance matrix.

    Args:
        distances: (Q, T) numpy array or torch tensor (CPU or CUDA; it is
            copied to the CPU); smaller is more similar. Every entry must be
            finite.
        query_labels: Q class names or integer ids, one per row.
        target_labels: T class names or integer ids, one per column.

    Targets are ranked by ascending distance, ties by target index (stable).
    Raises ValueError if shapes disagree, a distance is NaN or infinite, or a
    query's class has no target (C = 0: no score is defined).
    """
    dist = _distance_matrix(distances)
    groups = _class_groups(query_labels, target_labels, dist.shape)
    return _scores(_ranks_from_distances(dist, groups), dist.shape[0])


def evaluate_ranking(ranked_indices, query_labels: Sequence,
                     target_labels: Sequence) -> RetrievalScores:
    """SHREC scores of ranked lists: row q holds all T target indices, best first.

    Args:
        ranked_indices: (Q, T) integer numpy array or torch tensor; each row a
            permutation of ``0 .. T-1`` (the official evaluation needs the
            complete list).
        query_labels, target_labels: as in :func:`evaluate`.

    Same scores as :func:`evaluate` on distances that rank in this order.
    """
    ranked = _as_numpy(ranked_indices)
    if ranked.ndim != 2 or not np.issubdtype(ranked.dtype, np.integer):
        raise ValueError(
            f"ranked_indices must be a 2-D integer array, got shape {ranked.shape} "
            f"and dtype {ranked.dtype}"
        )
    groups = _class_groups(query_labels, target_labels, ranked.shape)
    return _scores(_ranks_from_ranking(ranked, groups), ranked.shape[0])


def pr_curve(distances, query_labels: Sequence,
             target_labels: Sequence) -> tuple[np.ndarray, np.ndarray]:
    """The official 20-point precision-recall curve: ``(recall, precision)``.

    ``recall`` is :data:`RECALL_LEVELS` (0.05 ... 1.00). At level j (recall
    j/20) a query counts only if its class has C >= 2 targets and C * j >= 20;
    its precision there is ``P_x1 (1 - dx) + P_x2 dx`` with ``xx = (j/20) C``,
    ``x1 = floor(xx)``, ``x2 = x1 + 1``, ``dx = xx - x1``, both clamped to
    ``[1, C]``, and ``P_k = k / R_k``. ``precision[j]`` is the mean over the
    queries that count, NaN if none does (the official script writes 0 there).
    Inputs as in :func:`evaluate`.
    """
    scores = evaluate(distances, query_labels, target_labels)
    return scores.recall, scores.precision


# --------------------------------------------------------------------------- inputs


def _as_numpy(x) -> np.ndarray:
    if hasattr(x, "detach") and hasattr(x, "cpu"):  # a torch tensor, on any device
        x = x.detach().cpu()
        if x.is_floating_point() and x.element_size() < 4:  # float16 / bfloat16
            x = x.float()
        return x.numpy()
    return np.asarray(x)


def _distance_matrix(distances) -> np.ndarray:
    dist = _as_numpy(distances)
    if dist.ndim != 2:
        raise ValueError(f"distances must be a (queries, targets) matrix, got shape {dist.shape}")
    if dist.dtype.kind not in "fiub":
        raise ValueError(f"distances must be real numbers, got dtype {dist.dtype}")
    if dist.dtype.kind != "f":
        dist = dist.astype(np.float64)
    elif dist.dtype.itemsize < 4:
        dist = dist.astype(np.float32)
    return np.ascontiguousarray(dist)


def _labels(labels, name: str, expected: int) -> np.ndarray:
    values = _as_numpy(labels) if hasattr(labels, "detach") else np.asarray(list(labels))
    if values.ndim != 1 or len(values) != expected:
        raise ValueError(f"{name} must hold {expected} labels, got shape {values.shape}")
    return values


def _class_groups(query_labels, target_labels, shape) -> list[tuple[np.ndarray, np.ndarray]]:
    """``[(query rows, relevant target indices)]``, one pair per query class, indices ascending."""
    num_queries, num_targets = shape
    if num_queries == 0:
        raise ValueError("there are no queries (0 rows): nothing to evaluate")
    queries = _labels(query_labels, "query_labels", num_queries)
    targets = _labels(target_labels, "target_labels", num_targets)
    target_classes, target_codes = np.unique(targets, return_inverse=True)
    code_of = {label: code for code, label in enumerate(target_classes.tolist())}
    query_classes, query_codes = np.unique(queries, return_inverse=True)
    target_order = np.argsort(target_codes, kind="stable")
    target_starts = np.searchsorted(target_codes[target_order], np.arange(len(target_classes) + 1))
    query_order = np.argsort(query_codes, kind="stable")
    query_starts = np.searchsorted(query_codes[query_order], np.arange(len(query_classes) + 1))
    groups = []
    for q, label in enumerate(query_classes.tolist()):
        code = code_of.get(label)
        if code is None:
            raise ValueError(
                f"query class {label!r} has no targets (C = 0), so no score is defined; "
                f"target classes are {target_classes.tolist()[:10]}"
                f"{' ...' if len(target_classes) > 10 else ''}"
            )
        rows = query_order[query_starts[q]:query_starts[q + 1]]
        relevant = target_order[target_starts[code]:target_starts[code + 1]]
        groups.append((rows, relevant))
    return groups


def _chunks(rows: np.ndarray, num_targets: int) -> Iterator[np.ndarray]:
    step = max(1, _CHUNK_ELEMENTS // max(num_targets, 1))
    for start in range(0, len(rows), step):
        yield rows[start:start + step]


def _take_rows(matrix: np.ndarray, rows: np.ndarray) -> np.ndarray:
    if rows[-1] - rows[0] + 1 == len(rows):  # consecutive: a view, no copy
        return matrix[rows[0]:rows[-1] + 1]
    return matrix[rows]


# --------------------------------------------------------------------------- ranks


def _ranks_from_distances(dist: np.ndarray, groups) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    work = _Workspace(dist)
    for rows, relevant in groups:
        for chunk in _chunks(rows, dist.shape[1]):
            yield chunk, _relevant_ranks(_take_rows(dist, chunk), relevant, work, queries=chunk)


class _Workspace:
    """Buffers reused from chunk to chunk.

    Allocating and freeing megabytes per chunk makes the allocator hand memory
    back to the system and fault it in again, which costs more than the work.
    """

    def __init__(self, dist: np.ndarray):
        num_targets = dist.shape[1]
        size = min(dist.size, max(1, _CHUNK_ELEMENTS // max(num_targets, 1)) * num_targets)
        self.scaled = np.empty(size, dtype=dist.dtype)
        self.cells32 = np.empty(size, dtype=np.int32)
        self.cells = np.empty(size, dtype=np.intp)
        self.in_marked = np.empty(size, dtype=bool)
        self.marked = np.zeros(size, dtype=bool)  # one flag per cell; cleared after use


def _relevant_ranks(block: np.ndarray, relevant: np.ndarray, work: _Workspace,
                    queries: np.ndarray) -> np.ndarray:
    """Ranks (1-based, ascending) of the ``relevant`` targets in each row of ``block``.

    Args:
        block: (n, T) float array of distances; smaller ranks first, ties by
            target index. n * T must fit the workspace.
        relevant: (C,) ascending target indices (the query class's targets).
        work: buffers, see :class:`_Workspace`.
        queries: the query index of each row, for error messages.

    Returns an (n, C) int64 array ``R`` with ``R[i, k-1]`` the rank R_k of the
    k-th best relevant target of row i. No row is sorted: see the module docstring.
    """
    n, num_targets = block.shape
    lo, hi = block.min(axis=1), block.max(axis=1)
    bad = ~(np.isfinite(lo) & np.isfinite(hi))
    if bad.any():
        where = int(queries[np.flatnonzero(bad)[0]])
        raise ValueError(f"distances of query {where} contain NaN or infinity; all must be finite")
    num_cells = min(num_targets, _MAX_CELLS)  # about one target per cell
    cells = _cell_ids(block, lo, hi, num_cells, work)
    counts = np.bincount(cells, minlength=n * num_cells)

    # The elements that share a cell with a relevant target, sorted by
    # (cell, distance, index): ``elements`` is ascending, so both sorts being
    # stable leave equal distances in index order.
    marked = work.marked[:n * num_cells]
    relevant_cells = cells.reshape(n, num_targets)[:, relevant]
    marked[relevant_cells] = True
    elements = np.flatnonzero(marked.take(cells, out=work.in_marked[:cells.size]))
    marked[relevant_cells] = False
    order = np.argsort(block.ravel()[elements], kind="stable")
    order = order[np.argsort(cells[elements[order]], kind="stable")]
    elements = elements[order]
    element_cells = cells[elements]
    new_cell = np.empty(len(elements), dtype=bool)
    new_cell[:1] = True
    np.not_equal(element_cells[1:], element_cells[:-1], out=new_cell[1:])
    position = np.arange(len(elements))
    ahead_in_cell = position - np.maximum.accumulate(np.where(new_cell, position, 0))

    # Elements in cells before each marked cell: the counts summed between
    # consecutive marked cells (reduceat), accumulated.
    marked_cells = element_cells[new_cell]
    between = np.add.reduceat(counts, marked_cells)
    before_marked = np.empty(len(marked_cells), dtype=np.int64)
    before_marked[0] = counts[:marked_cells[0]].sum()
    np.cumsum(between[:-1], out=before_marked[1:])
    before_marked[1:] += before_marked[0]

    is_relevant = np.zeros(num_targets, dtype=bool)
    is_relevant[relevant] = True
    pick = is_relevant[elements % num_targets]
    cell_index = (np.cumsum(new_cell) - 1)[pick]
    row = element_cells[pick] // num_cells  # each row holds num_targets elements
    ranks = before_marked[cell_index] - row * num_targets + ahead_in_cell[pick] + 1
    return ranks.reshape(n, len(relevant))


def _cell_ids(block: np.ndarray, lo: np.ndarray, hi: np.ndarray, num_cells: int,
              work: _Workspace) -> np.ndarray:
    """Flat cell id of every element: row i's distances fall in cells ``i*num_cells ...``.

    Cells have equal width between the row's min ``lo`` and max ``hi``; the id
    is a non-decreasing function of the distance within a row, so an element
    in a lower cell always has a smaller distance. A row whose distances are
    all equal (or whose range over/underflows) is put in one cell.
    """
    n = block.shape[0]
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        scale = ((num_cells - 1) / (hi - lo).astype(np.float64)).astype(block.dtype)
    flat = ~(np.isfinite(scale) & (scale > 0))
    scale[flat] = 0
    scaled = work.scaled[:block.size].reshape(block.shape)
    with np.errstate(over="ignore"):  # only in rows with an infinite range: those are "flat"
        np.subtract(block, lo[:, None], out=scaled)
    scaled[flat] = 0
    # (d - lo) * scale lies in [0, num_cells - 1] up to rounding, far below
    # num_cells. Adding the row's first id in floating point is exact and keeps
    # the order because n * num_cells <= 2**21 (a spacing of at most 1/4).
    np.multiply(scaled, scale[:, None], out=scaled)
    scaled += (np.arange(n) * num_cells).astype(block.dtype)[:, None]
    # Truncation is floor here (values >= 0); float -> int32 -> int64 is
    # faster than float -> int64 in one step.
    cells32 = work.cells32[:block.size]
    np.copyto(cells32.reshape(block.shape), scaled, casting="unsafe")
    cells = work.cells[:block.size]
    np.copyto(cells, cells32)
    return cells


def _ranks_from_ranking(ranked: np.ndarray, groups) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    num_targets = ranked.shape[1]
    positions = np.arange(1, num_targets + 1)
    for rows, relevant in groups:
        for chunk in _chunks(rows, num_targets):
            lists = _take_rows(ranked, chunk)
            if lists.min() < 0 or lists.max() >= num_targets:
                outside = ((lists < 0) | (lists >= num_targets)).any(axis=1)
                q = int(chunk[np.flatnonzero(outside)[0]])
                raise ValueError(f"ranked_indices[{q}] has an index outside 0..{num_targets - 1}")
            rank_of = np.zeros(lists.shape, dtype=np.int64)
            np.put_along_axis(rank_of, lists.astype(np.intp, copy=False),
                              np.broadcast_to(positions, lists.shape), axis=1)
            missing = (rank_of == 0).any(axis=1)
            if missing.any():
                q = int(chunk[np.flatnonzero(missing)[0]])
                raise ValueError(
                    f"ranked_indices[{q}] is not a permutation of 0..{num_targets - 1}: "
                    "every target must appear exactly once"
                )
            yield chunk, np.sort(rank_of[:, relevant], axis=1)


# --------------------------------------------------------------------------- scores


def _discount(ranks: np.ndarray) -> np.ndarray:
    """SHREC's DCG discount: 1 at ranks 1 and 2, then 1 / log2(i)."""
    return 1.0 / np.log2(np.maximum(ranks, 2))


def query_scores(ranks: np.ndarray) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Per-query scores from the sorted ranks ``(n, C)`` of each query's C relevant targets.

    Returns ``({"NN", "FT", "ST", "E", "DCG", "AP"} -> (n,) arrays, pr (n, 20))``,
    ``pr`` NaN where a query does not count (see :func:`pr_curve`).
    """
    ranks = np.ascontiguousarray(ranks)  # one summation order, whatever the input layout
    n, c = ranks.shape
    k = np.arange(1, c + 1)
    precision = k / ranks  # P_k = k / R_k
    ideal = _discount(k).sum()
    scores = {
        "NN": (ranks[:, 0] == 1).astype(np.float64),
        "FT": (ranks <= c).sum(axis=1) / c,
        "ST": (ranks <= 2 * c).sum(axis=1) / c,
        "E": 2.0 * (ranks <= E_CUTOFF).sum(axis=1) / (E_CUTOFF + c),
        "DCG": _discount(ranks).sum(axis=1) / ideal,
        "AP": precision.mean(axis=1),
    }
    pr = np.full((n, len(RECALL_LEVELS)), np.nan)
    for j, level in enumerate(RECALL_LEVELS, start=1):
        if c < PR_MIN_CLASS_SIZE or c * j < len(RECALL_LEVELS):
            continue
        xx = level * c
        x1 = int(xx)
        dx = xx - x1
        x2 = min(max(x1 + 1, 1), c)
        x1 = min(max(x1, 1), c)
        pr[:, j - 1] = precision[:, x1 - 1] * (1 - dx) + precision[:, x2 - 1] * dx
    return scores, pr


def _scores(rank_groups, num_queries: int) -> RetrievalScores:
    per_query = {name: np.empty(num_queries) for name in PER_QUERY}
    pr = np.empty((num_queries, len(RECALL_LEVELS)))
    class_sizes = np.empty(num_queries, dtype=np.int64)
    for rows, ranks in rank_groups:
        scores, pr[rows] = query_scores(ranks)
        for name, values in scores.items():
            per_query[name][rows] = values
        class_sizes[rows] = ranks.shape[1]
    return RetrievalScores(per_query, pr, class_sizes)


def _pr_mean_over_queries(pr: np.ndarray) -> np.ndarray:
    counted = ~np.isnan(pr)
    used = counted.sum(axis=0)
    total = np.where(counted, pr, 0.0).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(used > 0, total / np.maximum(used, 1), np.nan)
