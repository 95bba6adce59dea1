"""Official rank lists: format, round trip, scoring like the official script, and the CLI."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from sbsr.data.reference import SHREC13_CLA
from sbsr.cli import main
from sbsr.data.shrec import read_cla, write_cla
from sbsr.metrics import evaluate
from sbsr.rank_lists import (
    evaluate_rank_lists,
    ranked_indices,
    read_rank_list,
    write_rank_lists,
)

#: The real SHREC 2013 class files (set SBSR_SHREC13_CLA to their folder).
REAL_CLA = Path(os.environ.get("SBSR_SHREC13_CLA", SHREC13_CLA))

# A SHREC'14-like toy: zero-padded model ids, 3 classes of 2, 3 and 1 models.
MODELS = {"chair": ["000003", "000010"], "cup": ["000001", "000007", "000002"], "lamp": ["000004"]}
SKETCHES = {"chair": ["14", "15"], "cup": ["102"], "lamp": ["7"]}


def flat(classes):
    ids = [i for members in classes.values() for i in members]
    labels = [c for c, members in classes.items() for _ in members]
    return ids, labels


@pytest.fixture
def toy(tmp_path):
    model_ids, model_labels = flat(MODELS)
    sketch_ids, sketch_labels = flat(SKETCHES)
    dist = np.random.default_rng(0).random((len(sketch_ids), len(model_ids))).astype(np.float32)
    dist[0, 2] = dist[0, 4]  # a tie: the smaller target index is listed first
    write_cla(tmp_path / "model.cla", MODELS)
    write_cla(tmp_path / "sketch.cla", SKETCHES)
    return tmp_path, dist, (sketch_ids, sketch_labels), (model_ids, model_labels)


def test_written_files_follow_the_official_format(toy):
    root, dist, (sketch_ids, _), (model_ids, _) = toy
    paths = write_rank_lists(root / "ranks", dist, sketch_ids, model_ids)
    assert [p.name for p in paths] == sketch_ids  # named by query id, no extension
    lines = paths[0].read_text().splitlines()
    assert lines[0] == "14"
    order = np.argsort(dist[0], kind="stable")
    assert [line.split()[0] for line in lines[1:]] == ["m" + model_ids[t] for t in order]
    assert lines[1].split()[1] == f"{dist[0, order[0]]:.9g}"
    assert "m000001" in [line.split()[0] for line in lines[1:]]  # zero padding kept
    assert list(order).index(2) < list(order).index(4)  # the tie, by index
    assert not list((root / "ranks").glob(".*.tmp"))  # atomic writes leave nothing behind


def test_round_trip_scores_like_the_distances(toy):
    root, dist, (sketch_ids, sketch_labels), (model_ids, model_labels) = toy
    write_rank_lists(root / "ranks", dist, sketch_ids, model_ids)
    rank_list = read_rank_list(root / "ranks" / "102")
    assert rank_list.query == "102" and len(rank_list.models) == 6
    assert rank_list.distances == sorted(rank_list.distances)
    expected = evaluate(dist, sketch_labels, model_labels)
    scores = evaluate_rank_lists(root / "ranks", root / "model.cla", root / "sketch.cla")
    np.testing.assert_equal(scores.as_dict(), expected.as_dict())
    np.testing.assert_array_equal(scores.class_sizes, [2, 2, 3, 1])  # C from the model .cla


def test_model_names_drop_their_first_letter(toy):
    # The official reader compares name[1:] with the .cla id: any prefix letter works.
    root, dist, (sketch_ids, _), (model_ids, _) = toy
    write_rank_lists(root / "ranks", dist, sketch_ids, model_ids, prefix="M")
    ranked = ranked_indices(root / "ranks", sketch_ids, model_ids)
    np.testing.assert_array_equal(ranked, np.argsort(dist, axis=1, kind="stable"))
    with pytest.raises(ValueError, match="one character"):
        write_rank_lists(root / "other", dist, sketch_ids, model_ids, prefix="mm")


def test_bad_rank_lists_name_the_file_and_line(toy):
    root, dist, (sketch_ids, _), (model_ids, _) = toy
    ranks = root / "ranks"
    write_rank_lists(ranks, dist, sketch_ids, model_ids)
    (ranks / "7").unlink()
    with pytest.raises(FileNotFoundError, match="7 does not exist"):
        ranked_indices(ranks, sketch_ids, model_ids)
    (ranks / "7").write_text("7\nm000003 0.1\nm000003 0.2\nm000001 0.3\n"
                             "m000007 0.4\nm000002 0.5\nm000004 0.6\n")
    with pytest.raises(ValueError, match="exactly once"):  # m000010 missing, m000003 twice
        ranked_indices(ranks, sketch_ids, model_ids)
    (ranks / "7").write_text("7\nm000003 0.1\nm3 0.2\n")
    with pytest.raises(ValueError, match="'m3' .* not in the model class file"):
        ranked_indices(ranks, sketch_ids, model_ids)  # padding must match the .cla id
    (ranks / "7").write_text("7\nm000003 far\n")
    with pytest.raises(ValueError, match=r"7:2: distance 'far' is not a number"):
        read_rank_list(ranks / "7")
    (ranks / "7").write_text("7\nm000003\n")
    with pytest.raises(ValueError, match=r"7:2: expected '<model name> <distance>'"):
        read_rank_list(ranks / "7")
    (ranks / "7").write_text("8\n")
    with pytest.raises(ValueError, match="names query '8', expected '7'"):
        ranked_indices(ranks, sketch_ids, model_ids)


def test_cli_rank_lists_and_pr_outputs(toy, capsys):
    root, dist, (sketch_ids, sketch_labels), (model_ids, model_labels) = toy
    write_rank_lists(root / "ranks", dist, sketch_ids, model_ids)
    code = main(["evaluate", "--rank-lists", str(root / "ranks"), "--model-cla",
                 str(root / "model.cla"), "--sketch-cla", str(root / "sketch.cla"),
                 "--pr-csv", str(root / "pr.csv"), "--pr-html", str(root / "pr.html")])
    assert code == 0
    out = capsys.readouterr().out
    expected = evaluate(dist, sketch_labels, model_labels)
    assert expected.table() in out
    csv = (root / "pr.csv").read_text().splitlines()
    assert csv[0] == "recall,precision" and len(csv) == 21
    assert csv[20] == f"1.00,{expected.precision[19]:.6f}"
    html = (root / "pr.html").read_text()
    assert "Plotly.newPlot" in html and len(html) > 1_000_000  # plotly.js is embedded


def test_cli_features(tmp_path, capsys):
    rng = np.random.default_rng(2)
    query_labels, target_labels = np.array(["a", "b", "b"]), np.array(["a", "b", "a", "b", "b"])
    queries, targets = rng.normal(size=(3, 4)), rng.normal(size=(5, 4))
    path = tmp_path / "features.npz"
    np.savez(path, query_features=queries, query_labels=query_labels,
             target_features=targets, target_labels=target_labels, metric="cosine")
    assert main(["evaluate", "--features", str(path)]) == 0
    normed_q = queries / np.linalg.norm(queries, axis=1, keepdims=True)
    normed_t = targets / np.linalg.norm(targets, axis=1, keepdims=True)
    expected = evaluate(1 - normed_q @ normed_t.T, query_labels, target_labels)
    assert expected.table() in capsys.readouterr().out
    np.savez(path, query_features=queries, query_labels=query_labels,
             target_features=targets, target_labels=target_labels)
    assert main(["evaluate", "--features", str(path)]) == 0
    euclid = np.linalg.norm(queries[:, None] - targets[None], axis=2)
    assert evaluate(euclid, query_labels, target_labels).table() in capsys.readouterr().out
    np.savez(path, query_features=queries, query_labels=query_labels)
    assert main(["evaluate", "--features", str(path)]) == 2
    assert "missing array(s) target_features, target_labels" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["evaluate", "--rank-lists", str(tmp_path)])  # needs both class files


@pytest.mark.skipif(not (REAL_CLA / "SHREC13_SBR_Model.cla").is_file(),
                    reason="real SHREC13 .cla files not found (SBSR_SHREC13_CLA)")
def test_real_shrec13_class_files(tmp_path):
    # Two test classes of the real SHREC'13 files against all 1,258 models.
    models = read_cla(REAL_CLA / "SHREC13_SBR_Model.cla")
    test = read_cla(REAL_CLA / "SHREC13_SBR_Sketch_Test.cla")
    some = dict(list(test.items())[:2])
    write_cla(tmp_path / "sketch.cla", some)
    model_ids, model_labels = flat(models)
    sketch_ids, sketch_labels = flat(some)
    dist = np.random.default_rng(3).random((len(sketch_ids), len(model_ids)))
    write_rank_lists(tmp_path / "ranks", dist, sketch_ids, model_ids)
    assert read_rank_list(tmp_path / "ranks" / sketch_ids[0]).models[0].startswith("m")
    scores = evaluate_rank_lists(tmp_path / "ranks", REAL_CLA / "SHREC13_SBR_Model.cla",
                                 tmp_path / "sketch.cla")
    assert scores.class_sizes[0] == len(models[sketch_labels[0]])  # 184 airplanes
    expected = evaluate(dist, sketch_labels, model_labels)
    np.testing.assert_equal(scores.as_dict(), expected.as_dict())  # the line order ranks
