"""Markdown tables for the chapters, so that a lesson's visible code is the method.

A chapter computes its numbers, then shows them with one call::

    table = markdown_table(["", "NN", "mAP"], [["ours", 0.5, 0.25]])
    display(Markdown(table))
    display(Markdown(scores_table({"sketch → shape": scores}, ["NN", "FT", "mAP"])))

Floats are written with ``digits`` decimals; everything else with ``str``. A ``|`` in a
cell is escaped, so any text fits in a cell. The book renders the Markdown as MyST, so a
cell may hold inline markup such as ``**bold**``, a name in backquotes or a ``{term}``
role.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

__all__ = ["cell", "markdown_table", "scores_table"]


def cell(value, digits: int = 3) -> str:
    """One table cell: a float with ``digits`` decimals, anything else as ``str``, ``|`` escaped."""
    if isinstance(value, float):
        text = f"{value:.{digits}f}"
    else:
        text = "" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_table(header: Sequence, rows: Sequence[Sequence], digits: int = 3) -> str:
    """A Markdown table: one ``header`` line, then one line per row of ``rows``.

    Every row must have as many cells as the header; floats get ``digits`` decimals.
    """
    width = len(header)
    if width == 0:
        raise ValueError("a table needs at least one column")
    for number, row in enumerate(rows):
        if len(row) != width:
            raise ValueError(f"row {number} has {len(row)} cells, the header {width}: {list(row)!r}")
    lines = [header, ["---"] * width, *rows]
    return "\n".join("| " + " | ".join(cell(v, digits) for v in line) + " |" for line in lines)


def scores_table(scores: Mapping[str, Mapping[str, float]], columns: Sequence[str] = ("NN", "FT", "mAP"),
                 label: str = "", digits: int = 3) -> str:
    """One row per entry of ``scores`` (name -> retrieval scores, such as
    :class:`sbsr.metrics.RetrievalScores` or its ``as_dict()``), one column per name in
    ``columns``; ``label`` heads the column of row names."""
    rows = [[name, *(float(values[c]) for c in columns)] for name, values in scores.items()]
    return markdown_table([label, *columns], rows, digits)
