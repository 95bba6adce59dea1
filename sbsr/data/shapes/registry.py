"""The registry of shape classes, and the instances
:func:`~sbsr.data.shapes.make_shape` draws from them.

``FAMILIES`` maps each family to its builder and its sub-types; ``CLASSES``
holds every class as a :class:`~sbsr.data.shapes.ShapeClass`, in the order
:func:`~sbsr.data.shapes.class_names` uses. :mod:`sbsr.data.shapes` re-exports them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Callable

import numpy as np
import trimesh

from sbsr.data.shapes.animals import bird, bug, fish, quadruped, reptile
from sbsr.data.shapes.buildings import barrier, building, shelter
from sbsr.data.shapes.devices import instrument, optics, screen, timepiece
from sbsr.data.shapes.furniture import bed, lamp, seating, storage, table
from sbsr.data.shapes.household import container, kitchenware, vessel
from sbsr.data.shapes.nature import plant, tree
from sbsr.data.shapes.objects import game_piece, headwear, umbrella, wheel
from sbsr.data.shapes.parts import Z
from sbsr.data.shapes.tools import blade, hand_tool
from sbsr.data.shapes.vehicles import aircraft, boat, car, cycle, rail, space


#: Number of classes of SHREC 2014, the most :func:`class_names` offers.
MAX_CLASSES = 171


@dataclass(frozen=True)
class ShapeClass:
    """One class of the benchmark: ``make(rng)`` builds a fresh instance in the canonical frame."""

    name: str
    family: str
    make: Callable[[np.random.Generator], trimesh.Trimesh]
    drawn_from_above: bool = False  # people mostly sketch it seen from above (a snake, a spider)


#: Classes people mostly draw from above (see :func:`sbsr.data.sketch.sample_view`).
DRAWN_FROM_ABOVE = frozenset(
    {"snake", "sea_turtle", "crocodile", "spider", "beetle", "butterfly", "frying_pan"}
    | {"airplane", "jet_fighter", "glider", "space_shuttle"}  # the wings show
)


FAMILIES = {
    # The first 22 families give three classes each to the default 90 (round-robin order, see
    # class_names), so the confusable triples (chair / stool / bar stool, cup / mug / vase,
    # car / van / suv, ...) are all in it; the last 12 give two.
    "seating": (
        seating,
        ["chair", "stool", "bar_stool", "armchair", "swivel_chair", "bench", "rocking_chair"],
    ),
    "table": (table, ["table", "desk", "round_table", "coffee_table", "side_table"]),
    "storage": (storage, ["cabinet", "bookshelf", "wardrobe", "chest_of_drawers", "nightstand"]),
    "bed": (bed, ["bed", "sofa", "bunk_bed", "crib"]),
    "lamp": (lamp, ["floor_lamp", "desk_lamp", "table_lamp", "street_lamp"]),
    "vessel": (
        vessel,
        ["cup", "mug", "vase", "wine_bottle", "wineglass", "bowl", "jug", "bucket", "flower_pot"],
    ),
    "car": (car, ["car", "van", "suv", "race_car", "pickup_truck", "bus", "truck"]),
    "aircraft": (aircraft, ["airplane", "helicopter", "jet_fighter", "glider", "biplane"]),
    "boat": (boat, ["sailboat", "ship", "submarine", "motorboat", "canoe"]),
    "cycle": (cycle, ["bicycle", "motorbike", "scooter", "tricycle"]),
    "building": (
        building,
        ["house", "church", "skyscraper", "barn", "castle_tower", "lighthouse", "windmill"],
    ),
    "tree": (tree, ["tree", "pine_tree", "palm_tree", "bush", "cactus"]),
    "quadruped": (quadruped, ["dog", "horse", "cow", "giraffe", "elephant", "cat", "rabbit"]),
    "bird": (bird, ["standing_bird", "flying_bird", "duck", "penguin"]),
    "fish": (fish, ["fish", "shark", "whale", "dolphin"]),
    "hand_tool": (hand_tool, ["hammer", "axe", "shovel", "rake", "pickaxe", "screwdriver"]),
    "blade": (blade, ["sword", "knife", "dagger", "spear", "machete"]),
    "instrument": (instrument, ["guitar", "violin", "drum", "piano"]),
    "reptile": (reptile, ["snake", "sea_turtle", "turtle", "crocodile"]),
    "bug": (bug, ["ant", "spider", "beetle", "butterfly"]),
    "screen": (screen, ["tv", "computer_monitor", "laptop", "cell_phone"]),
    "container": (container, ["barrel", "mailbox", "trash_can", "crate", "treasure_chest"]),
    "rail": (rail, ["train", "locomotive", "tram"]),
    "shelter": (shelter, ["tent", "tipi", "dome_tent", "gazebo"]),
    "plant": (plant, ["flower", "potted_plant", "mushroom"]),
    "barrier": (barrier, ["ladder", "door", "fence", "gate"]),
    "headwear": (headwear, ["top_hat", "cowboy_hat", "cap", "helmet", "crown"]),
    "timepiece": (timepiece, ["wrist_watch", "hourglass", "wall_clock", "alarm_clock"]),
    "umbrella": (umbrella, ["umbrella", "beach_umbrella"]),
    "space": (space, ["rocket", "satellite", "satellite_dish", "space_shuttle"]),
    "game_piece": (game_piece, ["pawn", "rook", "king", "bowling_pin", "snowman"]),
    "kitchenware": (kitchenware, ["spoon", "fork", "ladle", "frying_pan", "cooking_pot"]),
    "optics": (optics, ["binoculars", "telescope", "camera"]),
    "wheel": (wheel, ["wheel", "tire", "gear"]),
}


def _stretched(make, scale, rng):
    mesh = make(rng)
    mesh.apply_scale(scale)
    return mesh


def _build_registry() -> dict[str, ShapeClass]:
    """Named sub-types in round-robin family order, then ``tall_`` / ``wide_`` variants up to 171."""
    named = []
    depth = max(len(kinds) for _, kinds in FAMILIES.values())
    for level in range(depth):
        for family, (fn, kinds) in FAMILIES.items():
            if level < len(kinds):
                kind = kinds[level]
                make = functools.partial(fn, kind=kind)
                named.append(ShapeClass(kind, family, make, kind in DRAWN_FROM_ABOVE))
    classes = list(named)
    variants = [("tall", (1.0, 1.0, 1.6)), ("wide", (1.5, 1.5, 1.0))]
    for prefix, scale in variants:
        for c in named:
            if len(classes) >= MAX_CLASSES:
                break
            make = functools.partial(_stretched, c.make, scale)
            classes.append(ShapeClass(f"{prefix}_{c.name}", c.family, make, c.drawn_from_above))
    return {c.name: c for c in classes}


#: Class name -> :class:`ShapeClass`, in the order :func:`class_names` uses.
CLASSES: dict[str, ShapeClass] = _build_registry()


def class_names(num_classes: int = 90) -> list[str]:
    """The first ``num_classes`` classes: one sub-type of every family, then a second, ..."""
    if not 1 <= num_classes <= len(CLASSES):
        raise ValueError(f"num_classes must be in 1..{len(CLASSES)}, got {num_classes}")
    return list(CLASSES)[:num_classes]


def deform(mesh: trimesh.Trimesh, rng: np.random.Generator, amount: float = 0.03) -> trimesh.Trimesh:
    """Small smooth non-rigid deformation: a random bend, taper and wave of size ``amount``."""
    v = mesh.vertices.copy()
    lo, hi = v.min(axis=0), v.max(axis=0)
    size = float(np.max(hi - lo))
    t = (v - lo) / np.maximum(hi - lo, 1e-9)  # 0..1 per axis
    bend = rng.normal(0, amount, 2) * size
    v[:, 0] += bend[0] * t[:, 2] ** 2
    v[:, 1] += bend[1] * t[:, 2] ** 2
    taper = 1 + rng.normal(0, amount) * (t[:, 2:3] - 0.5)
    centre = (lo + hi) / 2
    v[:, :2] = centre[:2] + (v[:, :2] - centre[:2]) * taper
    phase = rng.uniform(0, 2 * np.pi, 3)
    freq = rng.uniform(1.0, 3.0, 3) * np.pi
    v += amount * 0.3 * size * np.sin(freq * t[:, [1, 2, 0]] + phase)
    mesh.vertices = v
    return mesh


def normalize(mesh: trimesh.Trimesh) -> trimesh.Trimesh:
    """Centre on the bounding-box centre and scale so the farthest vertex is at distance 1."""
    mesh.apply_translation(-mesh.bounds.mean(axis=0))
    mesh.apply_scale(1.0 / float(np.linalg.norm(mesh.vertices, axis=1).max()))
    return mesh


def make_shape(
    name: str, rng: np.random.Generator, *, rotate: bool = True, deformation: float = 0.03
) -> trimesh.Trimesh:
    """A fresh instance of class ``name``: generated, deformed, optionally turned about +Z, normalised."""
    if name not in CLASSES:
        raise ValueError(f"unknown shape class {name!r}; see sbsr.data.shapes.CLASSES")
    mesh = CLASSES[name].make(rng)
    mesh = deform(mesh, rng, deformation)
    if rotate:
        mesh.apply_transform(trimesh.transformations.rotation_matrix(rng.uniform(0, 2 * np.pi), Z))
    mesh.remove_unreferenced_vertices()
    return normalize(mesh)
