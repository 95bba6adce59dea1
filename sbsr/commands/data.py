"""``sbsr data``: describe, check and render a benchmark folder; write a SynthSBR benchmark.

    sbsr data describe DIR [--json]
    sbsr data check DIR [--workers 2]      (exit code 1 when any problem is found)
    sbsr data render DIR [--size 224 --workers 2 --cache-dir DIR]
    sbsr data synth --out DIR [--classes 90 --seed 0 --models-scale 1.0
                               --sketches-per-class 80 --image-size 256 --workers 2
                               --sketch-style human|rough --class-sizes shrec13|shrec14]
"""

from __future__ import annotations

import functools
import json
import os
import sys


def reports_errors(run):
    """Print a bad folder or file as one ``error:`` line (exit code 2) instead of a traceback."""

    @functools.wraps(run)
    def wrapper(args) -> int:
        try:
            return run(args)
        except (OSError, ValueError) as err:
            print(f"error: {err}", file=sys.stderr)
            return 2

    return wrapper


@reports_errors
def run_describe(args) -> int:
    from sbsr.data.shrec import describe, load_benchmark

    summary = describe(load_benchmark(args.dir))
    if args.json:
        print(json.dumps(summary, indent=2))
        return 0
    print(f"{summary['root']} ({summary['kind']})")
    for key in ("classes", "models", "train_sketches", "test_sketches"):
        print(f"  {key:15s} {summary[key]:>7,}")
    sizes = sorted(c["models"] for c in summary["per_class"].values())
    if sizes:
        print(f"  models per class: min {sizes[0]}, median {sizes[len(sizes) // 2]}, max {sizes[-1]}")
    return 0


@reports_errors
def run_check(args) -> int:
    from sbsr.data.shrec import check

    problems = check(args.dir, workers=args.workers, progress=sys.stderr.isatty())
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s) in {args.dir}", file=sys.stderr)
    return 1 if problems else 0


@reports_errors
def run_render(args) -> int:
    from sbsr.data.render import RenderSettings, render_benchmark
    from sbsr.data.shrec import load_benchmark

    bench = load_benchmark(args.dir, cache_dir=args.cache_dir)
    report = render_benchmark(bench, RenderSettings(size=args.size), workers=args.workers, progress=True)
    print(json.dumps(report, indent=2))
    return 0


@reports_errors
def run_synth(args) -> int:
    from sbsr.data.synthetic import write_benchmark

    options = {"model_scale": args.models_scale, "workers": args.workers, "sketch_style": args.sketch_style,
               "class_sizes": args.class_sizes}
    if args.sketches_per_class is not None:  # split 5:3 like SHREC (50 train + 30 test of 80)
        if args.sketches_per_class < 2:
            raise ValueError(f"--sketches-per-class {args.sketches_per_class}: need at least 2 (train and test)")
        train = min(args.sketches_per_class - 1, max(1, round(args.sketches_per_class * 5 / 8)))
        options.update(train_sketches=train, test_sketches=args.sketches_per_class - train)
    if args.image_size is not None:
        options["image_size"] = args.image_size
    out = write_benchmark(args.out, num_classes=args.classes, seed=args.seed, **options)
    print(f"wrote a SynthSBR benchmark to {out}")
    return 0


def register(subparsers) -> None:
    parser = subparsers.add_parser("data", help="describe, check, render or synthesise a benchmark")
    commands = parser.add_subparsers(dest="data_command", metavar="ACTION", required=True)

    describe = commands.add_parser("describe", help="counts of classes, models and sketches")
    describe.add_argument("dir", help="benchmark folder (SHREC'13, SHREC'14 or SynthSBR layout)")
    describe.add_argument("--json", action="store_true", help="print everything, per class too, as JSON")
    describe.set_defaults(func=run_describe)

    check = commands.add_parser("check", help="list every problem in a benchmark folder")
    check.add_argument("dir", help="benchmark folder")
    check.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                       help="processes opening the files (default: all CPU cores)")
    check.set_defaults(func=run_check)

    render = commands.add_parser("render", help="render 12 views of every target model (cached)")
    render.add_argument("dir", help="benchmark folder")
    render.add_argument("--size", type=int, default=224, help="image side in pixels (default 224)")
    render.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="processes (default: all CPU cores)")
    render.add_argument("--cache-dir", default=None, help="where renders go (default DIR/cache)")
    render.set_defaults(func=run_render)

    synth = commands.add_parser("synth", help="write a procedural SynthSBR benchmark (SHREC'13 layout)")
    synth.add_argument("--out", required=True, help="output folder (an unfinished one is resumed)")
    synth.add_argument("--classes", type=int, default=90, help="number of classes (default 90)")
    synth.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    synth.add_argument("--models-scale", type=float, default=1.0,
                       help="multiplies the number of models per class (default 1.0)")
    synth.add_argument("--sketches-per-class", type=int, default=None,
                       help="sketches per class, split 5:3 into train:test (default 80 = 50 + 30)")
    synth.add_argument("--image-size", type=int, default=None, help="sketch side in pixels (default 256)")
    synth.add_argument("--sketch-style", choices=["human", "rough"], default="human",
                       help="sketches as people draw them (default) or version 2's rough hand")
    synth.add_argument("--class-sizes", choices=["shrec13", "shrec14"], default="shrec13",
                       help="models per class like SHREC 2013's (default) or SHREC 2014's long tail")
    synth.add_argument("--workers", type=int, default=2, help="processes (default 2)")
    synth.set_defaults(func=run_synth)
