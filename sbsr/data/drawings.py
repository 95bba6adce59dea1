"""Scripted drawings: line drawings whose strokes are coordinate lists written in this file.

SynthSBR's sketches stand in for people's sketches; this set checks that
stand-in from outside the generator. It is not a set of people's sketches: no one
drew on a canvas; each drawing imitates what a person draws on the retrieval
demo's 320 x 320 px canvas (x right, y down, as the mouse goes) when asked
for one of the benchmark's gallery classes: a few strokes, closed outlines
of the main parts, the canonical view (side view for animals and vehicles,
front or three-quarter view for furniture and buildings), characteristic
parts kept or exaggerated and small ones left out. The drawings of one class
differ as different people's do: in proportions, view, detail, and where
and how big they sit on the canvas.

How it was made: every stroke below was typed as coordinates, from
memory of the object, with a few helpers for lines, ellipses and smooth
curves; nothing comes from the SynthSBR code (:mod:`sbsr.data.sketch`,
:mod:`sbsr.data.synthetic`, :mod:`sbsr.data.shapes`). Each stroke then gets a
small smooth wobble (``WOBBLE``), seeded by the drawing's name, so the lines
are not ruler-straight; the set is the same on every run.

``DRAWINGS`` is the set, a tuple of :class:`Drawing`; :func:`by_class` and
:func:`classes` group it. The data and demo chapters rasterise the drawings
with :func:`sbsr.strokes.rasterize` (what the demo does with a drawn query)
and report how often the models retrieve their class.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np

from sbsr.strokes import rasterize

#: Side of the demo's drawing canvas, in pixels; every point lies in ``[0, CANVAS_SIZE]``.
CANVAS_SIZE = 320
#: Standard deviation, in canvas pixels, of the hand's wobble added to every stroke.
WOBBLE = 1.5
#: Arc length, in canvas pixels, between two independent wobble offsets along a stroke.
WOBBLE_STEP = 30.0


@dataclass(frozen=True, eq=False)
class Drawing:
    """One line drawing: a unique ``name``, the gallery class it depicts, its strokes.

    ``strokes`` are read-only ``float (n, 2)`` arrays of canvas points in the
    order they were drawn, as :func:`sbsr.strokes.rasterize` takes them.
    """

    name: str
    class_name: str
    strokes: tuple[np.ndarray, ...]

    def image(self, out_size: int = 64) -> np.ndarray:
        """The drawing as the sketch network sees it: ``uint8 (out_size, out_size)``, white background."""
        return rasterize(self.strokes, canvas_size=CANVAS_SIZE, out_size=out_size)


# --- pen helpers: each returns one stroke, an (n, 2) array of canvas points ------------------


def line(*points) -> np.ndarray:
    """A polyline through ``points`` (x, y), in order."""
    return np.asarray(points, dtype=np.float64)


def shape(*points) -> np.ndarray:
    """A closed polyline: through ``points`` and back to the first."""
    return line(*points, points[0])


def rect(x0, y0, x1, y1) -> np.ndarray:
    """The outline of the axis-aligned rectangle with corners ``(x0, y0)`` and ``(x1, y1)``."""
    return shape((x0, y0), (x1, y0), (x1, y1), (x0, y1))


def ellipse(cx, cy, rx, ry, start=0.0, end=360.0, tilt=0.0) -> np.ndarray:
    """An ellipse (or its arc from ``start`` to ``end`` degrees), turned by ``tilt`` degrees.

    Angles go as on screen: 0 is right, 90 down, 180 left, 270 up.
    """
    steps = max(8, int(abs(end - start) / 360 * 2 * np.pi * max(rx, ry) / 4))
    t = np.radians(np.linspace(start, end, steps + 1))
    x, y = rx * np.cos(t), ry * np.sin(t)
    c, s = np.cos(np.radians(tilt)), np.sin(np.radians(tilt))
    return np.stack([cx + c * x - s * y, cy + s * x + c * y], axis=1)


def circle(cx, cy, r, start=0.0, end=360.0) -> np.ndarray:
    """A circle, or its arc from ``start`` to ``end`` degrees (as in :func:`ellipse`)."""
    return ellipse(cx, cy, r, r, start, end)


def curve(*points, closed=False, steps=10) -> np.ndarray:
    """A smooth curve through ``points`` (a Catmull-Rom spline), closed on request."""
    p = np.asarray(points, dtype=np.float64)
    p = np.vstack([p[-1], p, p[:2]]) if closed else np.vstack([p[0], p, p[-1]])
    t = np.linspace(0, 1, steps, endpoint=False)[:, None]
    pieces = [
        p1 + 0.5 * ((p2 - p0) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t**2 + (3 * p1 - p0 - 3 * p2 + p3) * t**3)
        for p0, p1, p2, p3 in zip(p, p[1:], p[2:], p[3:])
    ]
    return np.concatenate([*pieces, p[-2][None]])


def turn(strokes, degrees, center=(160, 160)) -> list[np.ndarray]:
    """``strokes`` turned by ``degrees`` (clockwise on screen) about ``center``: a slanted drawing."""
    c, s = np.cos(np.radians(degrees)), np.sin(np.radians(degrees))
    rotation = np.array([[c, s], [-s, c]])
    return [(np.asarray(stroke) - center) @ rotation + center for stroke in strokes]


def _wobble(stroke: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """``stroke`` with a smooth random offset: independent every ``WOBBLE_STEP`` px, linear between."""
    along = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(stroke, axis=0), axis=1))])
    length = along[-1]
    knots = np.linspace(0, length, max(2, int(np.ceil(length / WOBBLE_STEP)) + 1))
    offsets = rng.normal(0, WOBBLE, size=(len(knots), 2))
    at = np.union1d(along, np.arange(0, length, 3.0))  # keep the corners, add points on long lines
    points = np.stack([np.interp(at, along, stroke[:, k]) for k in (0, 1)], axis=1)
    return points + np.stack([np.interp(at, knots, offsets[:, k]) for k in (0, 1)], axis=1)


def _draw(name: str, class_name: str, *strokes) -> Drawing:
    """A :class:`Drawing` of ``strokes`` (arrays or lists of them), wobbled by a hand seeded by ``name``."""
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    flat = [s for item in strokes for s in (item if isinstance(item, list) else [item])]
    wobbled = []
    for stroke in flat:
        points = _wobble(stroke, rng) if len(stroke) > 1 else np.array(stroke, dtype=np.float64)
        points.flags.writeable = False
        wobbled.append(points)
    return Drawing(name, class_name, tuple(wobbled))


# --- the drawings --------------------------------------------------------------------------

DRAWINGS: tuple[Drawing, ...] = (
    # chair: a seat, a back, legs; side, three-quarter and front views
    _draw(
        "chair_1", "chair",
        line((120, 40), (120, 290)),
        line((120, 40), (140, 42), (140, 165)),
        rect(120, 165, 230, 185),
        line((222, 185), (222, 290)),
    ),
    _draw(
        "chair_2", "chair",
        shape((90, 190), (200, 202), (250, 172), (145, 163)),
        line((145, 163), (143, 50), (250, 62), (250, 172)),
        line((90, 190), (90, 290)),
        line((200, 202), (200, 300)),
        line((250, 172), (250, 268)),
        line((145, 180), (145, 240)),
    ),
    _draw(
        "chair_3", "chair",
        rect(60, 55, 165, 150),
        line((95, 55), (95, 150)),
        line((130, 55), (130, 150)),
        rect(48, 150, 177, 170),
        line((55, 170), (55, 255)),
        line((170, 170), (170, 255)),
        line((55, 225), (170, 225)),
    ),
    # table: a top and legs
    _draw(
        "table_1", "table",
        rect(45, 120, 275, 140),
        line((62, 140), (62, 262)),
        line((258, 140), (258, 262)),
    ),
    _draw(
        "table_2", "table",
        shape((60, 140), (220, 160), (282, 110), (122, 95)),
        line((60, 140), (60, 151), (220, 171), (220, 160)),
        line((220, 171), (282, 121), (282, 110)),
        line((66, 151), (66, 250)),
        line((214, 170), (214, 275)),
        line((276, 126), (276, 228)),
        line((125, 150), (125, 212)),
    ),
    _draw(
        "table_3", "table",
        rect(88, 178, 242, 194),
        line((100, 194), (84, 272)),
        line((230, 194), (246, 272)),
        line((122, 194), (127, 254)),
        line((208, 194), (203, 254)),
    ),
    # bed: a mattress between a tall headboard and a low footboard
    _draw(
        "bed_1", "bed",
        rect(40, 100, 58, 255),
        rect(58, 170, 270, 200),
        rect(58, 200, 270, 225),
        rect(270, 150, 286, 255),
        ellipse(95, 158, 30, 11),
    ),
    _draw(
        "bed_2", "bed",
        line((70, 170), (70, 110)),
        curve((70, 110), (160, 72), (250, 110)),
        line((250, 110), (250, 170)),
        ellipse(125, 152, 36, 14),
        ellipse(195, 152, 36, 14),
        rect(45, 168, 275, 232),
        line((45, 196), (275, 196)),
        line((50, 232), (50, 262)),
        line((270, 232), (270, 262)),
    ),
    _draw(
        "bed_3", "bed",
        line((268, 80), (268, 272)),
        line((283, 80), (283, 272)),
        curve((268, 80), (275, 72), (283, 80)),
        rect(55, 180, 268, 218),
        line((62, 218), (62, 262)),
        ellipse(235, 168, 28, 12),
        curve((55, 185), (120, 175), (190, 182), (205, 210)),
    ),
    # floor lamp: a shade on a tall pole over a base
    _draw(
        "floor_lamp_1", "floor_lamp",
        shape((132, 40), (188, 40), (214, 102), (106, 102)),
        line((160, 102), (160, 282)),
        ellipse(160, 286, 42, 9),
    ),
    _draw(
        "floor_lamp_2", "floor_lamp",
        shape((200, 58), (240, 58), (256, 96), (184, 96)),
        line((220, 96), (220, 288)),
        rect(186, 288, 254, 298),
        line((236, 96), (236, 116)),
    ),
    # cup: a small tapered bowl with a handle, on a saucer
    _draw(
        "cup_1", "cup",
        ellipse(160, 120, 60, 12),
        line((100, 120), (116, 218)),
        line((220, 120), (204, 218)),
        ellipse(160, 218, 44, 8, 0, 180),
        curve((215, 142), (250, 148), (246, 190), (208, 196)),
        ellipse(160, 226, 92, 15),
    ),
    _draw(
        "cup_2", "cup",
        line((90, 140), (230, 140)),
        curve((90, 140), (102, 200), (160, 234), (218, 200), (230, 140)),
        curve((226, 158), (256, 152), (258, 182), (214, 196)),
        curve((50, 234), (160, 252), (270, 234)),
    ),
    _draw(
        "cup_3", "cup",
        shape((118, 162), (202, 162), (194, 248), (126, 248)),
        circle(206, 200, 22, -70, 110),
        curve((142, 145), (135, 125), (146, 104), (138, 84)),
        curve((174, 145), (167, 125), (178, 104), (170, 84)),
        curve((92, 248), (160, 258), (228, 248)),
    ),
    # mug: a tall cylinder with a big handle, no saucer
    _draw(
        "mug_1", "mug",
        ellipse(150, 90, 50, 10),
        line((100, 90), (100, 240)),
        line((200, 90), (200, 240)),
        ellipse(150, 240, 50, 10, 0, 180),
        curve((200, 115), (245, 120), (252, 185), (200, 205)),
        curve((200, 138), (228, 143), (230, 175), (200, 183)),
    ),
    _draw(
        "mug_2", "mug",
        ellipse(161, 108, 51, 9),
        line((110, 108), (110, 252), (212, 252), (212, 108)),
        curve((212, 138), (252, 136), (254, 212), (212, 218)),
    ),
    _draw(
        "mug_3", "mug",
        line((40, 130), (40, 232), (48, 242), (140, 242), (148, 232), (148, 130)),
        line((40, 130), (148, 130)),
        circle(148, 186, 34, -75, 75),
        circle(148, 186, 20, -75, 75),
    ),
    # car: side views, body with a cabin and two wheels
    _draw(
        "car_1", "car",
        shape((30, 205), (30, 170), (85, 160), (120, 120), (205, 120), (245, 158), (290, 165), (292, 205)),
        shape((125, 128), (160, 128), (160, 158), (98, 158)),
        shape((170, 128), (202, 128), (235, 158), (170, 158)),
        circle(85, 205, 25),
        circle(235, 205, 25),
        circle(85, 205, 8),
        circle(235, 205, 8),
    ),
    _draw(
        "car_2", "car",
        rect(40, 170, 280, 220),
        line((90, 170), (120, 118), (210, 118), (240, 170)),
        line((165, 118), (165, 170)),
        circle(95, 222, 26),
        circle(225, 222, 26),
    ),
    _draw(
        "car_3", "car",
        curve((60, 240), (62, 216), (112, 206), (150, 182), (212, 180), (252, 206), (286, 212), (288, 240)),
        line((288, 240), (60, 240)),
        curve((158, 206), (165, 190), (205, 187), (238, 206)),
        line((158, 206), (238, 206)),
        circle(106, 242, 19),
        circle(246, 242, 19),
    ),
    # airplane: top views (wings and tailplane spread) and a side view
    _draw(
        "airplane_1", "airplane",
        ellipse(160, 160, 16, 122),
        shape((148, 138), (40, 186), (40, 200), (148, 180)),
        shape((172, 138), (280, 186), (280, 200), (172, 180)),
        shape((152, 252), (116, 278), (116, 288), (154, 274)),
        shape((168, 252), (204, 278), (204, 288), (166, 274)),
    ),
    _draw(
        "airplane_2", "airplane",
        ellipse(165, 160, 132, 14),
        shape((180, 148), (120, 45), (102, 45), (136, 148)),
        shape((180, 172), (120, 275), (102, 275), (136, 172)),
        shape((58, 150), (38, 112), (28, 112), (40, 152)),
        shape((58, 170), (38, 208), (28, 208), (40, 168)),
    ),
    _draw(
        "airplane_3", "airplane",
        shape(
            (40, 165), (30, 108), (50, 108), (82, 148), (258, 148), (284, 154), (296, 165), (284, 176),
            (60, 178),
        ),
        shape((140, 166), (200, 166), (150, 218), (120, 218)),
        line((264, 152), (280, 160)),
        shape((36, 165), (12, 172), (14, 180), (52, 175)),
    ),
    # sailboat: a hull, a mast and triangular sails
    _draw(
        "sailboat_1", "sailboat",
        shape((60, 230), (260, 230), (230, 270), (90, 270)),
        line((160, 230), (160, 40)),
        shape((160, 50), (160, 220), (82, 220)),
        shape((166, 62), (166, 220), (240, 220)),
    ),
    _draw(
        "sailboat_2", "sailboat",
        line((70, 210), (270, 210)),
        curve((70, 210), (110, 248), (230, 248), (270, 210)),
        line((170, 210), (170, 50)),
        curve((170, 56), (215, 120), (250, 196)),
        line((250, 196), (170, 196)),
        shape((170, 50), (192, 57), (170, 64)),
        curve((40, 270), (80, 262), (120, 272), (160, 262), (200, 272), (240, 262), (280, 270)),
    ),
    _draw(
        "sailboat_3", "sailboat",
        turn(
            [
                line((30, 210), (290, 210)),
                curve((30, 210), (80, 250), (250, 250), (290, 210)),
                circle(110, 228, 6),
                circle(150, 228, 6),
                circle(190, 228, 6),
                line((200, 210), (200, 30)),
                curve((196, 38), (150, 100), (86, 194)),
                line((86, 194), (196, 194)),
                shape((200, 30), (226, 38), (200, 46)),
            ],
            -8,
        ),
    ),
    # bicycle: two big wheels and a diamond frame
    _draw(
        "bicycle_1", "bicycle",
        circle(85, 210, 55),
        circle(240, 210, 55),
        line((85, 210), (155, 215), (135, 140), (85, 210)),
        line((135, 140), (215, 140), (155, 215)),
        line((215, 140), (240, 210)),
        line((135, 140), (133, 128)),
        line((118, 126), (150, 126)),
        line((215, 140), (208, 114), (232, 108)),
    ),
    _draw(
        "bicycle_2", "bicycle",
        circle(70, 225, 42),
        circle(200, 225, 42),
        line((70, 225), (110, 185), (175, 185), (200, 225)),
        line((110, 185), (130, 225), (175, 185)),
        line((110, 185), (104, 170)),
        line((92, 168), (116, 168)),
        line((175, 185), (168, 160), (185, 156)),
    ),
    _draw(
        "bicycle_3", "bicycle",
        circle(90, 180, 62),
        circle(252, 180, 50),
        line((90, 180), (160, 188), (140, 108), (90, 180)),
        line((140, 108), (226, 116), (160, 188)),
        line((226, 116), (252, 180)),
        line((226, 116), (220, 92), (244, 90)),
        line((140, 108), (136, 94)),
        line((122, 92), (152, 92)),
        circle(160, 188, 10),
    ),
    # house: a box with a pitched roof, a door and windows
    _draw(
        "house_1", "house",
        rect(70, 150, 250, 280),
        shape((55, 150), (160, 60), (265, 150)),
        rect(140, 210, 180, 280),
        rect(90, 180, 125, 210),
        line((107, 180), (107, 210)),
        line((90, 195), (125, 195)),
    ),
    _draw(
        "house_2", "house",
        rect(60, 140, 260, 270),
        shape((40, 140), (100, 80), (220, 80), (280, 140)),
        line((198, 80), (198, 54), (224, 54), (224, 80)),
        rect(145, 200, 180, 270),
        rect(80, 165, 120, 200),
        rect(200, 165, 240, 200),
    ),
    _draw(
        "house_3", "house",
        rect(60, 160, 150, 270),
        shape((60, 160), (105, 105), (150, 160)),
        line((150, 160), (262, 150), (262, 256), (150, 270)),
        line((105, 105), (218, 96), (262, 150)),
        line((190, 264), (190, 205), (220, 202), (220, 260)),
        circle(105, 140, 10),
    ),
    # tree: a trunk under a rounded crown
    _draw(
        "tree_1", "tree",
        line((145, 290), (150, 195)),
        line((177, 290), (171, 195)),
        curve(
            (150, 198), (110, 200), (80, 175), (78, 140), (95, 110), (100, 80), (130, 55), (165, 50),
            (200, 62), (225, 90), (242, 120), (240, 160), (220, 190), (172, 198),
        ),
    ),
    _draw(
        "tree_2", "tree",
        circle(160, 115, 82),
        line((148, 196), (148, 290)),
        line((172, 196), (172, 290)),
        line((100, 290), (225, 290)),
    ),
    _draw(
        "tree_3", "tree",
        line((150, 290), (153, 205), (120, 160)),
        line((172, 290), (170, 205), (200, 155)),
        line((161, 205), (162, 150)),
        curve(
            (110, 165), (70, 150), (60, 110), (85, 75), (115, 60), (150, 40), (190, 45), (225, 70),
            (255, 100), (250, 140), (215, 165), closed=True,
        ),
    ),
    # dog: side view, four legs, a tail up, ears and a snout
    _draw(
        "dog_1", "dog",
        line(
            (85, 145), (200, 140), (220, 120), (235, 95), (255, 92), (285, 108), (284, 124), (248, 134),
            (228, 175), (226, 250), (212, 250), (208, 198), (122, 200), (116, 250), (102, 250), (95, 196),
            (80, 176), (85, 145),
        ),
        line((85, 145), (55, 112)),
        shape((238, 96), (226, 128), (246, 118)),
        circle(262, 106, 3),
        line((196, 200), (192, 245)),
        line((135, 200), (130, 245)),
    ),
    _draw(
        "dog_2", "dog",
        ellipse(150, 170, 80, 32),
        line((212, 150), (222, 118), (244, 108), (262, 118), (284, 122), (284, 138), (252, 142), (224, 168)),
        ellipse(236, 128, 8, 20, tilt=25),
        circle(258, 118, 3),
        line((100, 196), (96, 250)),
        line((125, 200), (123, 250)),
        line((175, 200), (177, 250)),
        line((200, 196), (204, 250)),
        line((72, 160), (48, 130)),
    ),
    _draw(
        "dog_3", "dog",
        line(
            (250, 120), (110, 118), (90, 100), (88, 70), (80, 52), (70, 75), (40, 88), (30, 105),
            (60, 112), (75, 125), (88, 160), (90, 255), (104, 255), (108, 165), (220, 168), (228, 255),
            (242, 255), (240, 160), (250, 120),
        ),
        curve((250, 122), (272, 100), (282, 70)),
        circle(66, 84, 3),
    ),
    # horse: side view, long neck and legs, mane and tail
    _draw(
        "horse_1", "horse",
        line(
            (72, 120), (200, 115), (232, 62), (244, 40), (250, 56), (262, 56), (292, 98), (282, 110),
            (256, 102), (240, 108), (226, 150), (229, 262), (216, 262), (212, 172), (112, 172), (106, 262),
            (93, 262), (88, 178), (72, 160), (72, 120),
        ),
        curve((72, 122), (52, 150), (46, 205)),
        curve((204, 110), (222, 72), (240, 50)),
        line((198, 172), (204, 258)),
        line((124, 172), (120, 258)),
    ),
    _draw(
        "horse_2", "horse",
        line(
            (250, 140), (120, 138), (98, 90), (90, 72), (82, 82), (60, 95), (40, 128), (52, 136),
            (78, 118), (92, 132), (100, 180), (102, 272), (114, 272), (118, 195), (228, 196), (232, 272),
            (245, 272), (246, 190), (250, 140),
        ),
        curve((250, 142), (270, 165), (278, 230)),
        circle(72, 96, 3),
    ),
    _draw(
        "horse_3", "horse",
        shape((90, 130), (200, 128), (215, 160), (200, 180), (95, 182), (78, 160)),
        line((198, 132), (232, 78), (256, 86), (262, 100), (240, 104), (214, 150)),
        line((232, 78), (230, 64), (240, 74)),
        line((100, 180), (96, 250)),
        line((118, 182), (118, 250)),
        line((180, 182), (182, 250)),
        line((198, 178), (204, 250)),
        curve((80, 140), (62, 160), (58, 205)),
    ),
    # fish: side view, a body and a tail fin
    _draw(
        "fish_1", "fish",
        curve((60, 160), (120, 110), (200, 116), (250, 160), (200, 204), (120, 210), closed=True),
        shape((248, 160), (292, 118), (286, 202)),
        circle(96, 150, 6),
        curve((128, 122), (140, 160), (128, 198)),
        shape((150, 112), (172, 82), (200, 118)),
    ),
    _draw(
        "fish_2", "fish",
        ellipse(150, 160, 90, 45),
        shape((62, 160), (22, 118), (24, 204)),
        circle(208, 150, 7),
        line((226, 172), (240, 170)),
    ),
    _draw(
        "fish_3", "fish",
        curve((80, 200), (130, 180), (210, 182), (270, 200), (210, 218), (130, 220), closed=True),
        line((82, 200), (46, 175), (62, 200), (46, 226), (82, 200)),
        shape((150, 182), (170, 160), (195, 182)),
        shape((160, 218), (175, 236), (190, 217)),
        circle(250, 196, 4),
    ),
    # hammer: a long handle under a head
    _draw(
        "hammer_1", "hammer",
        rect(90, 60, 230, 100),
        rect(148, 100, 172, 290),
    ),
    _draw(
        "hammer_2", "hammer",
        line((120, 95), (230, 95), (230, 130), (120, 130)),
        curve((120, 95), (85, 100), (55, 132)),
        curve((120, 130), (88, 126), (62, 138)),
        line((55, 132), (62, 138)),
        rect(145, 130, 168, 292),
    ),
    _draw(
        "hammer_3", "hammer",
        turn([shape((120, 90), (210, 90), (214, 118), (120, 118), (104, 104)), rect(150, 118, 170, 270)], 35),
    ),
    # sword: a long pointed blade, a crossguard, a grip and a pommel
    _draw(
        "sword_1", "sword",
        shape((160, 22), (172, 48), (172, 210), (148, 210), (148, 48)),
        rect(114, 210, 206, 224),
        rect(152, 224, 168, 274),
        circle(160, 283, 9),
    ),
    _draw(
        "sword_2", "sword",
        turn(
            [
                shape((160, 22), (170, 44), (170, 212), (150, 212), (150, 44)),
                rect(120, 212, 200, 222),
                rect(154, 222, 166, 268),
                circle(160, 275, 7),
            ],
            45,
        ),
    ),
    # guitar: a figure-eight body with a sound hole, a long neck, a head
    _draw(
        "guitar_1", "guitar",
        curve(
            (160, 122), (198, 128), (205, 160), (190, 182), (220, 212), (222, 250), (195, 280), (160, 288),
            (125, 280), (98, 250), (100, 212), (130, 182), (115, 160), (122, 128), closed=True,
        ),
        circle(160, 215, 16),
        line((152, 124), (152, 45)),
        line((168, 124), (168, 45)),
        shape((148, 45), (172, 45), (176, 15), (144, 15)),
        line((140, 256), (180, 256)),
    ),
    _draw(
        "guitar_2", "guitar",
        turn(
            [
                curve(
                    (160, 140), (192, 146), (196, 172), (184, 190), (210, 216), (210, 252), (186, 276),
                    (160, 280), (134, 276), (110, 252), (110, 216), (136, 190), (124, 172), (128, 146),
                    closed=True,
                ),
                circle(160, 222, 14),
                line((154, 141), (154, 50)),
                line((166, 141), (166, 50)),
                rect(150, 28, 170, 50),
                line((160, 50), (160, 262)),
            ],
            -30,
        ),
    ),
    _draw(
        "guitar_3", "guitar",
        circle(150, 232, 55, -60, 240),
        circle(150, 152, 38, 125, 415),
        circle(150, 222, 13),
        line((144, 115), (144, 30)),
        line((156, 115), (156, 30)),
        rect(140, 12, 160, 30),
    ),
    # ladder: two long rails and rungs
    _draw(
        "ladder_1", "ladder",
        line((110, 28), (110, 292)),
        line((210, 28), (210, 292)),
        line((110, 60), (210, 60)),
        line((110, 105), (210, 105)),
        line((110, 150), (210, 150)),
        line((110, 195), (210, 195)),
        line((110, 240), (210, 240)),
    ),
    _draw(
        "ladder_2", "ladder",
        line((112, 296), (166, 26)),
        line((178, 300), (228, 30)),
        line((120, 256), (186, 258)),
        line((132, 196), (197, 198)),
        line((144, 136), (208, 138)),
        line((156, 76), (219, 78)),
    ),
    # umbrella: a domed canopy with a scalloped rim, a shaft and a hook
    _draw(
        "umbrella_1", "umbrella",
        ellipse(160, 140, 120, 90, 180, 360),
        ellipse(70, 140, 30, 12, 180, 360),
        ellipse(130, 140, 30, 12, 180, 360),
        ellipse(190, 140, 30, 12, 180, 360),
        ellipse(250, 140, 30, 12, 180, 360),
        line((160, 50), (160, 262)),
        circle(145, 262, 15, 0, 180),
        curve((160, 50), (118, 90), (100, 128)),
        curve((160, 50), (202, 90), (220, 128)),
    ),
    _draw(
        "umbrella_2", "umbrella",
        turn(
            [
                ellipse(160, 130, 110, 60, 180, 360),
                ellipse(87, 130, 37, 10, 180, 360),
                ellipse(160, 130, 36, 10, 180, 360),
                ellipse(233, 130, 37, 10, 180, 360),
                line((160, 70), (160, 250)),
                circle(172, 250, 12, 180, 0),
            ],
            -20,
        ),
    ),
    _draw(
        "umbrella_3", "umbrella",
        curve((40, 150), (70, 85), (160, 55), (250, 85), (280, 150)),
        ellipse(80, 150, 40, 14, 180, 360),
        ellipse(160, 150, 40, 14, 180, 360),
        ellipse(240, 150, 40, 14, 180, 360),
        line((160, 55), (160, 270)),
        circle(148, 270, 12, 0, 180),
    ),
    # tent: a triangular front with a door flap
    _draw(
        "tent_1", "tent",
        shape((60, 258), (160, 80), (260, 258)),
        line((160, 150), (134, 258)),
        line((160, 150), (186, 258)),
        line((30, 260), (290, 260)),
    ),
    _draw(
        "tent_2", "tent",
        shape((40, 250), (110, 110), (180, 250)),
        line((110, 110), (270, 90), (300, 225), (180, 250)),
        line((110, 110), (110, 250)),
        line((40, 250), (16, 266)),
        line((300, 225), (312, 240)),
    ),
    # rocket: a body with a pointed nose, fins and a flame
    _draw(
        "rocket_1", "rocket",
        line((135, 92), (135, 240)),
        line((185, 92), (185, 240)),
        curve((135, 92), (145, 55), (160, 30), (175, 55), (185, 92)),
        line((135, 240), (185, 240)),
        shape((135, 190), (105, 252), (135, 240)),
        shape((185, 190), (215, 252), (185, 240)),
        circle(160, 124, 12),
        line((142, 244), (150, 280), (160, 258), (170, 282), (178, 244)),
    ),
    _draw(
        "rocket_2", "rocket",
        turn(
            [
                curve((140, 220), (136, 120), (160, 50), (184, 120), (180, 220)),
                line((140, 220), (180, 220)),
                shape((138, 180), (112, 230), (140, 220)),
                shape((182, 180), (208, 230), (180, 220)),
                line((160, 180), (160, 230)),
            ],
            40,
        ),
    ),
    _draw(
        "rocket_3", "rocket",
        rect(140, 100, 180, 250),
        shape((140, 100), (160, 40), (180, 100)),
        line((140, 210), (115, 260), (140, 250)),
        line((180, 210), (205, 260), (180, 250)),
        circle(160, 140, 10),
        circle(160, 175, 10),
    ),
    # wheel: a rim, a hub and spokes, face on
    _draw(
        "wheel_1", "wheel",
        circle(160, 160, 122),
        circle(160, 160, 105),
        circle(160, 160, 15),
        *[line((160 + 15 * np.cos(a), 160 + 15 * np.sin(a)), (160 + 105 * np.cos(a), 160 + 105 * np.sin(a)))
          for a in np.radians(np.arange(0, 360, 45))],
    ),
    _draw(
        "wheel_2", "wheel",
        circle(110, 200, 72),
        circle(110, 200, 60),
        circle(110, 200, 9),
        line((110, 140), (110, 260)),
        line((58, 170), (162, 230)),
        line((58, 230), (162, 170)),
    ),
    # top hat: a tall crown with a band on a brim
    _draw(
        "top_hat_1", "top_hat",
        ellipse(160, 62, 46, 10),
        line((114, 62), (118, 210)),
        line((206, 62), (202, 210)),
        line((118, 186), (202, 186)),
        ellipse(160, 214, 92, 18),
    ),
    _draw(
        "top_hat_2", "top_hat",
        rect(100, 70, 220, 218),
        line((100, 190), (220, 190)),
        curve((40, 210), (80, 230), (160, 236), (240, 230), (280, 210)),
        curve((40, 210), (70, 240), (160, 250), (250, 240), (280, 210)),
    ),
    # flower: a head of petals on a stem with leaves
    _draw(
        "flower_1", "flower",
        circle(160, 100, 18),
        *[ellipse(160 + 38 * np.cos(a), 100 + 38 * np.sin(a), 21, 11, tilt=np.degrees(a))
          for a in np.radians(np.arange(0, 360, 60))],
        curve((160, 140), (155, 200), (162, 290)),
        curve((158, 232), (128, 206), (100, 206), (122, 228), (158, 232)),
    ),
    _draw(
        "flower_2", "flower",
        shape(
            (125, 70), (142, 95), (160, 64), (178, 95), (195, 70), (192, 116), (175, 136), (145, 136),
            (128, 116),
        ),
        line((160, 136), (160, 290)),
        curve((160, 288), (120, 240), (118, 180)),
        curve((160, 288), (200, 236), (204, 190)),
    ),
    _draw(
        "flower_3", "flower",
        circle(100, 90, 12),
        *[circle(100 + 24 * np.cos(a), 90 + 24 * np.sin(a), 11) for a in np.radians(np.arange(0, 360, 60))],
        line((100, 128), (104, 270)),
        curve((102, 200), (130, 180), (150, 185), (102, 212)),
    ),
    # church: a nave beside or behind a tower with a spire and a cross
    _draw(
        "church_1", "church",
        rect(50, 110, 110, 280),
        shape((45, 110), (80, 32), (115, 110)),
        line((80, 32), (80, 8)),
        line((71, 17), (89, 17)),
        rect(110, 180, 280, 280),
        shape((110, 180), (195, 120), (280, 180)),
        line((178, 280), (178, 240)),
        ellipse(195, 240, 17, 17, 180, 360),
        line((212, 240), (212, 280)),
    ),
    _draw(
        "church_2", "church",
        rect(130, 70, 190, 280),
        shape((125, 70), (160, 18), (195, 70)),
        line((160, 18), (160, 4)),
        line((153, 10), (167, 10)),
        line((130, 160), (60, 200), (60, 280), (130, 280)),
        line((190, 160), (260, 200), (260, 280), (190, 280)),
        circle(160, 110, 12),
        line((148, 280), (148, 240)),
        ellipse(160, 240, 12, 14, 180, 360),
        line((172, 240), (172, 280)),
    ),
    # pine tree: a tall triangle, or stacked tiers, on a short trunk
    _draw(
        "pine_tree_1", "pine_tree",
        line(
            (160, 30), (110, 100), (135, 100), (90, 170), (120, 170), (70, 250), (250, 250), (200, 170),
            (230, 170), (185, 100), (210, 100), (160, 30),
        ),
        line((148, 250), (148, 290), (172, 290), (172, 250)),
    ),
    _draw(
        "pine_tree_2", "pine_tree",
        shape((200, 30), (150, 250), (250, 250)),
        rect(190, 250, 210, 285),
    ),
    # helicopter: side view, a cabin, a tail boom, rotors and skids
    _draw(
        "helicopter_1", "helicopter",
        curve((120, 130), (200, 126), (232, 160), (210, 200), (130, 200), (102, 168), closed=True),
        line((108, 148), (30, 145)),
        line((106, 170), (32, 154)),
        shape((30, 145), (20, 118), (34, 120), (40, 146)),
        line((165, 127), (165, 106)),
        line((58, 106), (272, 106)),
        line((118, 230), (234, 230)),
        line((140, 200), (140, 230)),
        line((200, 200), (200, 230)),
        curve((192, 140), (214, 148), (222, 168)),
    ),
    _draw(
        "helicopter_2", "helicopter",
        ellipse(120, 180, 60, 38),
        line((178, 172), (290, 160)),
        line((178, 190), (290, 166)),
        circle(290, 150, 14),
        line((120, 142), (120, 122)),
        line((30, 120), (220, 124)),
        line((70, 236), (170, 236)),
        line((95, 216), (95, 236)),
        line((145, 216), (145, 236)),
    ),
)


def by_class() -> dict[str, tuple[Drawing, ...]]:
    """The drawings of each class, classes in the order they first appear in ``DRAWINGS``."""
    groups: dict[str, list[Drawing]] = {}
    for drawing in DRAWINGS:
        groups.setdefault(drawing.class_name, []).append(drawing)
    return {name: tuple(group) for name, group in groups.items()}


def classes() -> tuple[str, ...]:
    """The classes the set covers, in the order of ``DRAWINGS``."""
    return tuple(by_class())
