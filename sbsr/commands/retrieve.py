"""``sbsr retrieve``: one sketch image in, the ranked target shapes out.

    sbsr retrieve SKETCH.png --checkpoint FILE [--top 10] [--variant full]
                  [--data DIR] [--rank-list DIR]

Prints the top shapes (rank, model, class, distance). ``--rank-list DIR``
also writes the complete ranking of every target in the official SHREC
rank-list format (:func:`sbsr.rank_lists.write_rank_lists`): a file named by
the sketch's id (its file name without extension) whose first line is that
id, then one ``m<model id> <distance>`` line per target, nearest first.
"""

from __future__ import annotations

from pathlib import Path

from sbsr.commands.data import reports_errors


@reports_errors
def run(args) -> int:
    import torch

    from sbsr.data.datasets import load_sketch
    from sbsr.demo.model import load_demo_networks
    from sbsr.rank_lists import write_rank_lists
    from sbsr.retrieval import RetrievalIndex

    sketch = Path(args.sketch)
    if not sketch.is_file():
        raise FileNotFoundError(f"sketch image {sketch} does not exist")
    if args.top < 1:
        raise ValueError(f"--top must be >= 1, got {args.top}")
    torch.set_num_threads(1)  # one small image: extra threads only wait for each other
    config, bench, variants = load_demo_networks(args.checkpoint, args.data)
    if args.variant not in variants:
        raise ValueError(f"--variant {args.variant!r} is not in {args.checkpoint}; it has: {', '.join(variants)}")
    image = load_sketch(sketch, config.sketch.image_size)  # ValueError naming the file if unreadable
    variant = variants[args.variant]
    index = RetrievalIndex(variant.shape_emb, bench.models.ids, bench.models.labels, class_names=bench.classes)
    query = variant.embed_sketch(image[None])[0]
    ranking = index.search(query, args.top)
    print(f"{'rank':>4}  {'model':>10}  {'class':<24} distance")
    for r in range(len(ranking)):
        print(f"{r + 1:>4}  {'m' + ranking.model_ids[r]:>10}  {ranking.classes[r]:<24} {ranking.distances[r]:.4f}")
    if args.rank_list:
        [path] = write_rank_lists(args.rank_list, index.distances(query[None]), [sketch.stem], bench.models.ids)
        print(f"rank list of all {len(index)} targets: {path}")
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("retrieve", help="rank the target shapes for one sketch image")
    parser.add_argument("sketch", help="sketch image (PNG, black strokes on white)")
    parser.add_argument("--checkpoint", required=True, help="demo model file (made by `make demo` / `sbsr demo`)")
    parser.add_argument("--top", type=int, default=10, help="how many shapes to print (default: %(default)s)")
    parser.add_argument("--variant", default="full", help="model variant in the file (default: %(default)s)")
    parser.add_argument("--data", help="benchmark folder (default: the one the file was trained on)")
    parser.add_argument("--rank-list", metavar="DIR", help="also write the full SHREC rank list into DIR")
    parser.set_defaults(func=run)
