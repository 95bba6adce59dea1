"""What notebooks/06_experiments.ipynb must compute in quick mode."""

from sbsr.claims import CLAIMS
from sbsr.train.config import VARIANTS

COLUMNS = ("NN", "FT", "ST", "E", "DCG", "mAP")


def check(results: dict) -> None:
    variants = results["variants"]
    assert set(variants) == set(VARIANTS)
    seeds = len(results["seeds"])
    assert seeds >= 2  # an interval needs two seeds, even in quick mode
    for name, result in variants.items():
        assert len(result["per_seed_maps"]) == seeds
        for column in COLUMNS:
            assert 0.0 <= result["mean"][column] <= 1.0, (name, column)
            assert result["half_width"][column] >= 0.0
    # the claim that holds even at quick scale: without T the two separately learned spaces
    # are not aligned; SPAL aligns them
    assert variants["full"]["mean"]["mAP"] > variants["no_adaptation"]["mean"]["mAP"] + 0.2
    # every claim of the chapter is a paired difference of its two variants' per-seed mAP
    for claim in (c for c in CLAIMS if c.chapter == "06_experiments"):
        measured = results["claims"][claim.key]
        a, b = variants[claim.a]["per_seed_maps"], variants[claim.b]["per_seed_maps"]
        assert abs(measured["mean"] - (sum(a) - sum(b)) / seeds) < 1e-9, claim.key
        assert measured["n"] == seeds and measured["low"] <= measured["mean"] <= measured["high"]
    assert all(len(curve) == 20 for curve in results["pr_curve"].values())
    assert set(results["per_class_ap"]) == {"full", "joint_triplet"}


# Numbers the built page states in sentences (tests/test_book_prose.py).
PROSE = [
    (r"DCA ranks better in <n> of <n> classes", ["classes_ahead", lambda r: len(r["per_class_ap"]["full"])]),
    (r"full scores <n> mAP (?:less|more) than with the", [lambda r: abs(r["narrow_t_cost"])]),
]

# Exercise 4 (tests/test_exercises.py): the claims compare nearest-neighbour precision instead.
EXERCISE = {"metric": "NN"}


def check_exercise(results: dict, default: dict) -> None:
    assert results["claims_metric"] == "NN" and default["claims_metric"] == "mAP"
    for claim in (c for c in CLAIMS if c.chapter == "06_experiments"):
        a = [m["NN"] for m in results["variants"][claim.a]["per_seed"]]
        b = [m["NN"] for m in results["variants"][claim.b]["per_seed"]]
        assert abs(results["claims"][claim.key]["mean"] - (sum(a) - sum(b)) / len(a)) < 1e-9, claim.key
    # the same trained variants: only what the claims compare changed
    assert results["variants"]["full"]["per_seed_maps"] == default["variants"]["full"]["per_seed_maps"]
