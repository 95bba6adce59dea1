"""sbsr.tables: the Markdown tables the chapters show."""

import numpy as np
import pytest

from sbsr.metrics import evaluate
from sbsr.tables import cell, markdown_table, scores_table


def test_a_table_has_a_header_a_rule_and_one_line_per_row():
    table = markdown_table(["", "NN", "mAP"], [["ours", 0.5, 0.25], ["random", 0.1, 1 / 3]])
    assert table.splitlines() == [
        "|  | NN | mAP |",
        "| --- | --- | --- |",
        "| ours | 0.500 | 0.250 |",
        "| random | 0.100 | 0.333 |",
    ]


def test_cells_format_floats_only_and_escape_the_column_bar():
    assert cell(0.12345) == "0.123" and cell(0.12345, digits=1) == "0.1"
    assert cell(7) == "7" and cell(True) == "True" and cell(None) == ""
    assert cell("a | b") == "a \\| b"
    assert cell(np.float64(0.5)) == "0.500"  # a numpy float is a float


def test_a_row_of_the_wrong_width_is_refused():
    with pytest.raises(ValueError, match="row 1 has 2 cells, the header 3"):
        markdown_table(["a", "b", "c"], [[1, 2, 3], [1, 2]])
    with pytest.raises(ValueError):
        markdown_table([], [])


def test_scores_table_reads_retrieval_scores_and_their_dicts():
    labels = np.array([0, 1])
    perfect = evaluate(np.array([[0.0, 1.0], [1.0, 0.0]]), labels, labels)
    table = scores_table({"perfect": perfect, "as dict": perfect.as_dict()}, ["NN", "mAP"], label="run")
    assert table.splitlines()[0] == "| run | NN | mAP |"
    assert table.splitlines()[2:] == ["| perfect | 1.000 | 1.000 |", "| as dict | 1.000 | 1.000 |"]


def test_score_table_shows_one_interval_and_the_half_widths_apart():
    from sbsr.train.experiment import format_table, half_width_table

    columns = ("NN", "mAP")
    results = {"full": {"mean": {"NN": 0.9, "mAP": 0.8}, "half_width": {"NN": 0.01, "mAP": 0.02}},
               "one seed": {"mean": {"NN": 0.5, "mAP": 0.4}, "half_width": {"NN": None, "mAP": None}}}
    table = format_table(results, columns)
    assert "| full | 0.900 | 0.800\u00a0±\u00a00.020 |" in table  # only mAP carries its interval
    assert "| one seed | 0.500 | 0.400 |" in table
    assert "| full | 0.900\u00a0±\u00a00.010 |" in format_table(results, columns, interval=columns)
    halves = half_width_table(results, columns)
    assert "| full | ±\u00a00.010 | ±\u00a00.020 |" in halves and "| one seed | - | - |" in halves
