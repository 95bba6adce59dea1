"""The paper's claims, and what this book measures of each: the table of the book's first page.

Each :class:`Claim` says what the paper claims (in this book's words), where the book can
show the paper saying it (its abstract, quoted, or the numbers it reports), and which
comparison of this book answers it: a difference of two variants' mAP over seeds with its
95 % Student-t interval (:mod:`sbsr.intervals`), measured by one chapter and written to
that chapter's ``results.json`` under ``"claims"``. :func:`claims_table` turns those results
into Markdown; ``python -m sbsr.claims OUT.md [--readme README.md]`` writes it for the book
after a build (and into the README between its ``claims`` markers, with the main table of
``06_experiments`` between its ``results`` markers and the summary of
``09_reproduction_study`` between its ``study`` markers).
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass
from pathlib import Path

from sbsr.intervals import format_interval, verdict
from sbsr.io import write_text
from sbsr.study import conditions_table, summary_table
from sbsr.train.experiment import difference

NOT_KNOWN = "not known to this book"


@dataclass(frozen=True)
class Claim:
    key: str
    claim: str  # the paper's claim, in this book's words
    source: str  # where the paper says it, as far as this book can show
    measure: str  # the comparison that answers it, in words
    chapter: str  # the notebook that measures it (its results.json holds "claims"[key])
    a: str | None = None  # for a comparison of two variants of one experiment: a − b, paired by seed
    b: str | None = None


#: The paper's claims this book measures, in the order of the first page's table.
CLAIMS = (
    Claim("transform", "a transformation network between the two separately learned spaces is needed",
          'abstract: "a cross-modality transformation network to compensate for the divergence between two '
          'modalities"', "`full` − `no_adaptation`", "06_experiments", "full", "no_adaptation"),
    Claim("cmd", "the cross-modality mean discrepancy aligns the classes (local semantics)",
          'abstract: "mitigating the local semantic divergences through minimizing a cross-modality mean '
          'discrepancy term"', "`full` − `full_no_cmd`", "06_experiments", "full", "full_no_cmd"),
    Claim("adversarial", "the adversarial term (holistic alignment of the distributions) adds to it",
          'abstract: "simultaneously enhancing the holistic correlations between data distributions of two '
          'modalities"', "`full` − `full_no_adversarial`", "06_experiments", "full", "full_no_adversarial"),
    Claim("iaml", "importance-aware metric learning beats a plain triplet loss",
          f'abstract: IAML learns the "modality-specific discriminative features"; that it beats a plain '
          f'triplet loss: {NOT_KNOWN}', "`full` − `full_plain_triplet`", "06_experiments", "full", "full_plain_triplet"),
    Claim("joint", "DCA beats a joint embedding trained on the same backbones",
          'abstract: "superior retrieval performance ... compared to the state-of-the-art approaches"; a joint '
          'embedding on the same backbones is this book\'s test of it', "`full` − `joint_triplet`",
          "06_experiments", "full", "joint_triplet"),
    Claim("joint_iaml", "DCA beats that joint embedding trained with DCA's own metric loss", NOT_KNOWN,
          "`full` − `joint_iaml`", "06_experiments", "full", "joint_iaml"),
    Claim("shrec14", "DCA holds up on the larger, long-tailed SHREC 2014 (mAP 0.813 → 0.803 in the paper)",
          "the paper's reported SHREC 2013 and 2014 results", "(`full` − `joint_triplet`) at SHREC 2014's size "
          "and imbalance minus the same on the default benchmark: above 0 when DCA drops less than the baseline",
          "09_reproduction_study"),
)

VERDICT_WORDS = {"holds": "**holds**", "fails": "**fails**", "undecided": "undecided"}


def measure(variants: dict[str, dict], chapter: str, metric: str = "mAP") -> dict[str, dict]:
    """The intervals of the claims of ``chapter`` that compare two variants, from its
    :func:`~sbsr.train.experiment.ablation_results` (``variant -> per_seed``), on ``metric``."""
    return {c.key: difference(variants, c.a, c.b, metric) for c in CLAIMS if c.chapter == chapter and c.a}


def claims_table(results: dict[str, dict], link=lambda chapter: f"`{chapter}`", chapter: str | None = None) -> str:
    """Markdown table of :data:`CLAIMS` (those of ``chapter`` only, if given) from the
    chapters' results (``chapter -> results.json`` content): each claim's verdict, interval
    and seeds; ``link(chapter)`` writes the chapter column. A claim whose chapter has not
    measured it says so. What each compares and where the paper says it:
    :func:`sources_table`."""
    lines = ["| the paper's claim | verdict here | difference [95 % CI] | seeds | chapter |",
             "| --- | --- | --- | --- | --- |"]
    for c in CLAIMS:  # the verdict beside the claim: a narrow page shows the first columns
        if chapter is not None and c.chapter != chapter:
            continue
        interval = results.get(c.chapter, {}).get("claims", {}).get(c.key)
        if interval is None:
            cells = ["not measured in this build", "-", "-"]
        else:
            cells = [VERDICT_WORDS[verdict(interval)], format_interval(interval, breakable=True), str(interval["n"])]
        lines.append(f"| {c.claim} | " + " | ".join(cells) + f" | {link(c.chapter)} |")
    return "\n".join(lines)


def sources_table(chapter: str | None = None) -> str:
    """Markdown table of :data:`CLAIMS` (those of ``chapter`` only, if given): what this book
    measures of each, and where the paper says it, as far as this book can show."""
    lines = ["| the paper's claim | what this book measures | where the paper says so |", "| --- | --- | --- |"]
    lines += [f"| {c.claim} | {c.measure} | {c.source} |" for c in CLAIMS if chapter is None or c.chapter == chapter]
    return "\n".join(lines)


def book_link(chapter: str) -> str:
    """The first page's link to a chapter, by its number ("chapter 06"): a short word, so
    that the claims table fits the page's column."""
    return f"{{doc}}`chapter {chapter.split('_')[0]} </book/generated/{chapter}>`"


def first_page(results: dict[str, dict], link=lambda chapter: f"`{chapter}`") -> str:
    """The claims at a glance: :func:`claims_table`, then :func:`sources_table`."""
    return (claims_table(results, link) + "\n\nWhat each difference compares, and where the paper says so:\n\n"
            + sources_table())


def read_results(runs: Path) -> dict[str, dict]:
    """``chapter -> results.json`` of every chapter of :data:`CLAIMS` that has one under ``runs``."""
    found = {}
    for chapter in {c.chapter for c in CLAIMS}:
        path = Path(runs) / chapter / "results.json"
        if path.is_file():
            found[chapter] = json.loads(path.read_text())
    return found


def replace_block(text: str, block: str, name: str = "claims") -> str:
    """``text`` with what stands between ``<!-- name:start -->`` and ``<!-- name:end -->`` replaced."""
    pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.S)
    if not pattern.search(text):
        raise ValueError(f"no <!-- {name}:start --> ... <!-- {name}:end --> block to replace")
    return pattern.sub(lambda m: m.group(1) + block + "\n" + m.group(2), text)


def results_table(experiments: dict) -> str:
    """The main table of ``06_experiments``'s results.json: each variant's SHREC metrics,
    the mean over seeds ± the half-width of its 95 % interval."""
    from sbsr.train.experiment import SHREC_COLUMNS, format_table

    variants = experiments["variants"]
    return (f"Mean over {len(experiments['seeds'])} training seeds ± the half-width of its 95 % Student-t "
            f"interval.\n\n" + format_table(variants, interval=SHREC_COLUMNS))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sbsr.claims", description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the Markdown file the book includes")
    parser.add_argument("--runs", type=Path, default=Path("runs"), help="where the chapters' results are")
    parser.add_argument("--readme", type=Path,
                        help="also rewrite this file's claims, results and study blocks (plain chapter names)")
    args = parser.parse_args(argv)
    results = read_results(args.runs)
    write_text(args.out, first_page(results, book_link) + "\n")
    if args.readme is not None:
        text = replace_block(args.readme.read_text(), first_page(results))
        if "06_experiments" in results:
            text = replace_block(text, results_table(results["06_experiments"]), "results")
        if "09_reproduction_study" in results:
            rows = results["09_reproduction_study"]["rows"]
            text = replace_block(text, conditions_table(rows) + "\n\n" + summary_table(rows), "study")
        write_text(args.readme, text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
