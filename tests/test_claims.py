"""The first page's table of the paper's claims, made from the chapters' results."""

import json

import pytest

from sbsr.claims import CLAIMS, claims_table, main, replace_block, sources_table
from sbsr.intervals import paired_difference
from sbsr.study import study_row


def results_with(**intervals):
    found = {}
    for claim in CLAIMS:
        if claim.key in intervals:
            found.setdefault(claim.chapter, {"claims": {}})["claims"][claim.key] = intervals[claim.key]
    return found


def test_each_claim_gets_its_interval_and_a_verdict_from_it():
    results = results_with(transform=paired_difference([0.8, 0.82, 0.81], [0.1, 0.12, 0.09]),
                           adversarial=paired_difference([0.80, 0.81, 0.80], [0.80, 0.80, 0.81]),
                           joint=paired_difference([0.75, 0.76, 0.75], [0.80, 0.81, 0.80]))
    rows = {line.split(" | ")[0][2:]: line for line in claims_table(results).splitlines()[2:]}
    assert len(rows) == len(CLAIMS)
    by_key = {c.key: rows[c.claim] for c in CLAIMS}
    assert "**holds**" in by_key["transform"] and "+0.707 [" in by_key["transform"]
    assert "undecided" in by_key["adversarial"] and "**fails**" in by_key["joint"]
    assert "not measured in this build" in by_key["iaml"]
    assert all("| 3 |" in by_key[k] for k in ("transform", "adversarial", "joint"))


def test_what_each_claim_compares_and_where_the_paper_says_so_is_a_table_of_its_own():
    rows = sources_table().splitlines()[2:]
    assert [r.split(" | ")[0][2:] for r in rows] == [c.claim for c in CLAIMS]
    assert all(f" | {c.measure} | {c.source} |" in r for c, r in zip(CLAIMS, rows))
    assert len(sources_table("09_reproduction_study").splitlines()) == 3


def test_the_book_file_and_the_readme_block(tmp_path):
    runs = tmp_path / "runs"
    (runs / "06_experiments").mkdir(parents=True)
    columns = ("NN", "FT", "ST", "E", "DCG", "mAP")
    variant = {"mean": dict.fromkeys(columns, 0.85), "half_width": dict.fromkeys(columns, 0.64)}
    (runs / "06_experiments" / "results.json").write_text(json.dumps(
        {"claims": {"transform": paired_difference([0.8, 0.9], [0.1, 0.2])}, "seeds": [0, 1],
         "variants": {"full": variant}}))
    (runs / "09_reproduction_study").mkdir()
    per_seed = {v: {"per_seed": [{"mAP": m} for m in maps]}
                for v, maps in {"full": [0.80, 0.82], "joint_triplet": [0.81, 0.84]}.items()}
    (runs / "09_reproduction_study" / "results.json").write_text(json.dumps(
        {"rows": [study_row("default", "the benchmark", per_seed)]}))
    readme = tmp_path / "README.md"
    readme.write_text("intro\n<!-- claims:start -->\nSTALE\n<!-- claims:end -->\nafter\n"
                      "<!-- results:start -->\nSTALE\n<!-- results:end -->\n"
                      "<!-- study:start -->\nSTALE\n<!-- study:end -->\n")
    assert main([str(tmp_path / "claims.md"), "--runs", str(runs), "--readme", str(readme)]) == 0
    book = (tmp_path / "claims.md").read_text()
    assert "{doc}`chapter 06 </book/generated/06_experiments>`" in book
    text = readme.read_text()
    assert "STALE" not in text and text.startswith("intro\n<!-- claims:start -->\n| the paper's claim")
    assert "<!-- claims:end -->\nafter\n" in text and "`06_experiments`" in text
    assert "| the paper's claim | what this book measures | where the paper says so |" in text
    assert "Mean over 2 training seeds" in text and "| full | 0.850\u00a0±\u00a00.640 | 0.850" in text
    assert "| default | the benchmark | 2 | 0.810 | 0.825 |\n" in text  # the conditions
    assert "| default | -0.015 [" in text  # and the gaps
    with pytest.raises(ValueError, match="claims:start"):
        replace_block("no markers", "x")
