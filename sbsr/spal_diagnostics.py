"""How hard each term of SPAL pulls on T (``notebooks/04_adaptation.ipynb``).

T's loss is ``adversarial_weight * L_adv + cmd_weight * L_CMD + metric_weight * L_met``
(:func:`sbsr.train.stages.train_spal`). When the discriminator D is near chance, the
adversarial term can be present in the loss and still move T very little:
:func:`term_gradients` measures, on batches drawn as in training, the norm of the
gradient of each weighted term with respect to T's parameters.
"""

from __future__ import annotations

import copy

import torch

from sbsr.losses import cmd_loss, generator_loss, iaml_loss
from sbsr.train.config import MetricConfig, SpalConfig
from sbsr.train.stages import cross_modal_classes, sample_classes, sample_pk


def term_gradients(transform, discriminator, sketch_emb, sketch_labels, shape_emb, shape_labels,
                   spal: SpalConfig, metric: MetricConfig, batches: int = 50, seed: int = 0) -> dict[str, float]:
    """Mean over ``batches`` P x K batches of ``||d(weight * term) / d(T's parameters)||``
    for each term of T's loss: ``adversarial``, ``cmd`` and ``metric``.

    ``sketch_emb`` and ``shape_emb`` are the metric nets' embeddings of the training
    sketches and the shapes. T runs in training mode, as in SPAL, on a copy (its batch-norm
    statistics are left as they were); D in evaluation mode.
    """
    t = copy.deepcopy(transform).train()
    d = copy.deepcopy(discriminator).eval()
    sketch_emb, shape_emb = torch.as_tensor(sketch_emb), torch.as_tensor(shape_emb)
    sketch_labels, shape_labels, sketch_index, shape_index, classes = cross_modal_classes(sketch_labels,
                                                                                          shape_labels)
    generator = torch.Generator().manual_seed(seed)
    params = [p for p in t.parameters() if p.requires_grad]
    totals = {"adversarial": 0.0, "cmd": 0.0, "metric": 0.0}
    for _ in range(batches):
        chosen = sample_classes(classes, spal.classes_per_batch, generator)
        s = sample_pk(sketch_index, chosen, spal.samples_per_class, generator)
        x = sample_pk(shape_index, chosen, spal.samples_per_class, generator)
        fake, real = t(sketch_emb[s]), shape_emb[x]
        if spal.metric_pairs == "sketch-shape":
            metric_term = iaml_loss(fake, sketch_labels[s], real, shape_labels[x], margin=metric.margin,
                                    mining=metric.mining, alpha=metric.alpha, beta=metric.beta)
        else:
            metric_term = iaml_loss(fake, sketch_labels[s], margin=metric.margin, mining=metric.mining,
                                    alpha=metric.alpha, beta=metric.beta)
        terms = {
            "adversarial": spal.adversarial_weight * generator_loss(d(fake), spal.gan),
            "cmd": spal.cmd_weight * cmd_loss(fake, sketch_labels[s], real, shape_labels[x],
                                             squared=spal.cmd_squared, reduction=spal.cmd_reduction),
            "metric": spal.metric_weight * metric_term,
        }
        for name, term in terms.items():
            grads = torch.autograd.grad(term, params, retain_graph=True, allow_unused=True)
            totals[name] += float(torch.sqrt(sum((g.pow(2).sum() for g in grads if g is not None),
                                                 torch.zeros(()))))
    return {name: total / batches for name, total in totals.items()}
