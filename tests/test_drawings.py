"""The hand-written line drawings: enough of them, of benchmark classes, on the canvas, legible."""

import itertools

import numpy as np
import pytest
from scipy.spatial import cKDTree

from sbsr.data.drawings import (
    CANVAS_SIZE,
    DRAWINGS,
    Drawing,
    _draw,
    by_class,
    classes,
    curve,
    line,
    rect,
    turn,
)
from sbsr.data.shapes import class_names

GALLERY = set(class_names(90))  # the default benchmark's classes
INK_LEVEL = 224  # a 64 px pixel darker than this is ink (the thin pen turns grey at 64 px)
ZIGZAG = [(x, 320 * (x % 8 == 0)) for x in range(0, 321, 4)]  # a scribble over the whole canvas


def problems(drawing: Drawing) -> list[str]:
    """What is wrong with one drawing (empty when nothing is)."""
    found = []
    if drawing.class_name not in GALLERY:
        found.append(f"class {drawing.class_name!r} is not in the default benchmark")
    if not 2 <= len(drawing.strokes) <= 25:
        found.append(f"{len(drawing.strokes)} strokes, a person draws 2 to 25")
    for i, stroke in enumerate(drawing.strokes):
        if stroke.ndim != 2 or stroke.shape[1] != 2 or len(stroke) == 0:
            found.append(f"stroke {i} has shape {stroke.shape}, expected (n, 2)")
        elif not np.isfinite(stroke).all():
            found.append(f"stroke {i} has non-finite points")
        elif stroke.min() < 0 or stroke.max() > CANVAS_SIZE:
            found.append(f"stroke {i} leaves the {CANVAS_SIZE} px canvas")
    if not found:
        ink = (drawing.image(64) < INK_LEVEL).mean()
        if not 0.02 <= ink <= 0.40:
            found.append(f"{ink:.1%} of the 64 px image is ink, expected 2 % to 40 %")
    return found


@pytest.mark.parametrize("drawing", DRAWINGS, ids=[d.name for d in DRAWINGS])
def test_each_drawing_is_a_legible_sketch_of_a_benchmark_class(drawing):
    assert problems(drawing) == []


@pytest.mark.parametrize(
    "bad, expected",
    [
        (Drawing("cat", "cat", (line((10, 10), (100, 100)), line((10, 100), (100, 10)))), "not in the default"),
        (Drawing("box", "cabinet", (rect(10, 10, 100, 100),)), "1 strokes"),
        (Drawing("off", "table", (rect(10, 10, 100, 100), line((50, 50), (400, 50)))), "leaves the"),
        (Drawing("nan", "table", (rect(10, 10, 100, 100), line((50, 50), (np.nan, 50)))), "non-finite"),
        (Drawing("flat", "table", (np.zeros((3, 3)), rect(10, 10, 100, 100))), "expected (n, 2)"),
        (Drawing("dot", "table", (line((10, 10), (12, 10)), line((300, 300), (302, 300)))), "ink"),
        (Drawing("scribble", "tree", (rect(0, 0, 320, 320), line(*ZIGZAG))), "ink"),
    ],
    ids=lambda value: value.name if isinstance(value, Drawing) else "",
)
def test_the_checks_catch_a_bad_drawing(bad, expected):
    assert any(expected in problem for problem in problems(bad))


def test_the_set_is_big_and_spread_over_classes():
    groups = by_class()
    assert len(DRAWINGS) >= 48
    assert len(groups) >= 16
    assert [c for c, group in groups.items() if len(group) < 2] == []
    assert classes() == tuple(groups) and sum(map(len, groups.values())) == len(DRAWINGS)


def test_names_are_unique():
    names = [d.name for d in DRAWINGS]
    assert len(set(names)) == len(names), sorted(n for n in names if names.count(n) > 1)


def shape_of(drawing: Drawing) -> np.ndarray:
    """The drawing's points as :func:`sbsr.strokes.rasterize` places them: centred, longer side 1."""
    points = np.concatenate(drawing.strokes)
    low, high = points.min(axis=0), points.max(axis=0)
    return (points - (low + high) / 2) / (high - low).max()


def apart(a: np.ndarray, b: np.ndarray) -> float:
    """How far two point sets are apart: 90 % of each set's points lie this close to the other set."""
    return max(np.percentile(cKDTree(b).query(a)[0], 90), np.percentile(cKDTree(a).query(b)[0], 90))


# Two pastes of one drawing under two names (two wobbles) are at most about 0.024 apart;
# two different drawings of one class 0.035 or more (a shrunken copy of sailboat_1 was 0.019).
SAME = 0.03


def test_no_two_drawings_are_the_same_picture():
    shapes = {d.name: shape_of(d) for d in DRAWINGS}
    same = [(a, b) for a, b in itertools.combinations(shapes, 2) if apart(shapes[a], shapes[b]) < SAME]
    assert same == []


def test_a_pasted_copy_is_the_same_picture():
    for drawing in DRAWINGS:
        first, second = (_draw(name, drawing.class_name, *drawing.strokes) for name in ("paste_1", "paste_2"))
        assert apart(shape_of(first), shape_of(second)) < SAME, drawing.name


def test_drawings_are_deterministic_and_read_only():
    strokes = [rect(20, 20, 200, 120), curve((20, 200), (100, 150), (200, 210))]
    first, second = _draw("same", "table", *strokes), _draw("same", "table", *strokes)
    assert all(np.array_equal(a, b) for a, b in zip(first.strokes, second.strokes))
    assert _draw("other", "table", *strokes).strokes[0].tolist() != first.strokes[0].tolist()
    with pytest.raises(ValueError):
        DRAWINGS[0].strokes[0][0, 0] = 0.0


def test_pen_helpers():
    points = [(10, 10), (60, 40), (120, 20)]
    smooth = curve(*points)
    assert all(np.isclose(smooth, p).all(axis=1).any() for p in points)  # passes through its points
    (quarter,) = turn([line((20, 0))], 90, center=(0, 0))
    assert np.allclose(quarter, [(0, 20)])  # clockwise on screen: right turns to down
