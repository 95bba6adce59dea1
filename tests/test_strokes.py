"""Stroke rasterization: canvas strokes -> the sketch image the network sees."""

import numpy as np
import pytest

from sbsr.strokes import rasterize

SQUARE = [np.array([[10, 10], [50, 10], [50, 50], [10, 50], [10, 10]], dtype=float)]
CROSS = [np.array([[0, 0], [40, 30]], float), np.array([[0, 30], [40, 0]], float)]


def ink_box(image, threshold=128):
    ys, xs = np.nonzero(image < threshold)
    return xs.min(), xs.max(), ys.min(), ys.max()


def test_shape_dtype_and_colours():
    image = rasterize(SQUARE, canvas_size=(200, 100), out_size=32, line_width=2)
    assert image.shape == (32, 32) and image.dtype == np.uint8
    assert image[0, 0] == 255 and image.min() == 0  # white background, black strokes


def test_default_line_width_is_the_benchmark_pen_width():
    # 1.9 px at 256 px, as sbsr.data.sketch draws; at 64 px the line turns grey, not black
    big = rasterize(SQUARE, canvas_size=100, out_size=256)
    assert (big[128] < 128).sum() == 4  # the middle row crosses two sides, 2 px of ink each
    small = rasterize(SQUARE, canvas_size=100, out_size=64)
    assert 60 < small.min() < 200


@pytest.mark.parametrize("strokes", [[], [np.zeros((0, 2))]])
def test_empty_drawing_is_a_clear_error(strokes):
    with pytest.raises(ValueError, match="empty"):
        rasterize(strokes, canvas_size=100)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"strokes": [np.zeros((3, 3))]}, "stroke 0"),
        ({"strokes": [np.array([[0, 0], [np.nan, 1]])]}, "non-finite"),
        ({"canvas_size": 0}, "canvas_size"),
        ({"out_size": 4}, "out_size"),
        ({"line_width": 0}, "line_width"),
        ({"margin": 0.5}, "margin"),
    ],
)
def test_bad_arguments_name_the_parameter(kwargs, match):
    args = {"strokes": SQUARE, "canvas_size": 100, **kwargs}
    with pytest.raises(ValueError, match=match):
        rasterize(**args)


def test_single_stroke_is_centred_with_the_margin():
    image = rasterize([np.array([[5.0, 70.0], [25.0, 90.0]])], canvas_size=100, out_size=64,
                      line_width=2, margin=0.1)
    x0, x1, y0, y1 = ink_box(image)
    # a diagonal: its box fills 64 * 0.8 px, centred, plus half the line width each side
    assert abs((x0 + x1) / 2 - 31.5) <= 0.5 and abs((y0 + y1) / 2 - 31.5) <= 0.5
    assert 5 <= x0 <= 7 and 56 <= x1 <= 58


def test_aspect_is_kept():
    wide = [np.array([[0.0, 0.0], [80.0, 0.0], [80.0, 20.0]])]  # 4:1 box
    x0, x1, y0, y1 = ink_box(rasterize(wide, canvas_size=100, out_size=64, line_width=1))
    assert (x1 - x0) == pytest.approx(4 * (y1 - y0), rel=0.15)


def test_translation_invariance():
    moved = [s + np.array([37.0, -4.0]) + 10 for s in CROSS]
    a = rasterize(CROSS, canvas_size=(300, 200))
    b = rasterize(moved, canvas_size=(300, 200))
    np.testing.assert_array_equal(a, b)


def test_scale_invariance():
    a = rasterize(SQUARE, canvas_size=400).astype(int)
    b = rasterize([3 * s for s in SQUARE], canvas_size=400).astype(int)
    assert np.abs(a - b).mean() < 2  # same up to sub-pixel rounding


def test_points_beyond_the_canvas_are_clipped():
    inside = [np.array([[10.0, 10.0], [100.0, 10.0]]), np.array([[10.0, 10.0], [10.0, 60.0]])]
    beyond = [np.array([[10.0, 10.0], [180.0, 10.0]]), inside[1]]  # canvas is 100 wide
    np.testing.assert_array_equal(rasterize(inside, canvas_size=100), rasterize(beyond, canvas_size=100))


def test_a_single_click_is_a_centred_dot():
    image = rasterize([np.array([[40.0, 40.0]])], canvas_size=100, out_size=32, line_width=4)
    x0, x1, y0, y1 = ink_box(image)
    assert 13 <= x0 <= x1 <= 18 and 13 <= y0 <= y1 <= 18


def test_different_drawings_give_different_images():
    assert not np.array_equal(rasterize(SQUARE, 100), rasterize(CROSS, 100))
