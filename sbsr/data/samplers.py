"""P classes x K samples per batch: the batches that batch-hard metric learning (IAML) needs."""

from __future__ import annotations

import numpy as np
from torch.utils.data import Sampler


class PKSampler(Sampler):
    """A batch sampler: each batch is ``p`` distinct classes x ``k`` samples of each (``p * k`` indices).

    Indices come grouped by class. A class with fewer than ``k`` samples is
    drawn with replacement; otherwise without. Batches depend only on
    ``(seed, epoch)``: call ``set_epoch`` at the start of every epoch.

    ``num_batches`` is the number of batches per epoch and per replica
    (default: about one pass over the data, ``len(labels) // (p * k * num_replicas)``,
    at least 1). For DDP, give each rank ``num_replicas`` and its ``rank``:
    the ranks draw the same global sequence of batches and rank ``r`` takes
    batches ``r, r + num_replicas, ...``, so no two ranks get the same batch.

    Use as ``DataLoader(dataset, batch_sampler=PKSampler(labels, p, k, seed))``.
    """

    def __init__(
        self,
        labels,
        p: int,
        k: int,
        seed: int = 0,
        num_batches: int | None = None,
        num_replicas: int = 1,
        rank: int = 0,
    ):
        labels = np.asarray(labels)
        if labels.ndim != 1 or len(labels) == 0:
            raise ValueError(f"labels: expected a non-empty 1-d array, got shape {labels.shape}")
        classes, inverse = np.unique(labels, return_inverse=True)
        if not (isinstance(p, int) and 1 <= p <= len(classes)):
            raise ValueError(f"p={p!r}: expected an integer from 1 to the number of classes ({len(classes)})")
        if not (isinstance(k, int) and k >= 1):
            raise ValueError(f"k={k!r}: expected an integer >= 1")
        if not (isinstance(num_replicas, int) and num_replicas >= 1 and 0 <= rank < num_replicas):
            raise ValueError(f"num_replicas={num_replicas!r}, rank={rank!r}: need 0 <= rank < num_replicas")
        if num_batches is None:
            num_batches = max(1, len(labels) // (p * k * num_replicas))
        if not (isinstance(num_batches, int) and num_batches >= 1):
            raise ValueError(f"num_batches={num_batches!r}: expected an integer >= 1")
        self.members = [np.flatnonzero(inverse == c) for c in range(len(classes))]
        self.p, self.k, self.seed = p, k, seed
        self.num_batches, self.num_replicas, self.rank = num_batches, num_replicas, rank
        self.epoch = 0

    def set_epoch(self, epoch: int) -> None:
        self.epoch = epoch

    def __len__(self) -> int:
        return self.num_batches

    def __iter__(self):
        rng = np.random.default_rng([self.seed, self.epoch])
        for b in range(self.num_batches * self.num_replicas):
            batch = []
            for c in rng.choice(len(self.members), size=self.p, replace=False):
                members = self.members[c]
                batch += rng.choice(members, size=self.k, replace=len(members) < self.k).tolist()
            if b % self.num_replicas == self.rank:
                yield batch
