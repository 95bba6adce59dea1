"""Procedural 3D shapes for SynthSBR: a registry of classes built from simple parts.

Every class is a function ``make(rng) -> trimesh.Trimesh`` that assembles
parametric parts (boxes, rods, cones, spheres, capsules, tori, lathed
profiles, extruded polygons) with proportions, part counts and optional
parts drawn from ``rng``. Classes are grouped in *families* (seating,
vessel, car, ...); classes of one family share parts and are confusable on
purpose (stool / bar stool, cup / mug / vase, car / van / suv).

Frame: **+Z is up**, the object stands on ``z = 0`` before normalisation;
long objects (vehicles, animals, fish) point along +X, seats face -Y.
:func:`make_shape` adds a small smooth non-rigid deformation, an optional
random rotation about +Z, and scales the mesh into the unit sphere.

``CLASSES`` holds 171 classes: the named sub-types of ``FAMILIES``, then
(when there are fewer than 171) deterministic ``tall_`` / ``wide_``
variants of them (the same generator, stretched along Z or along X and Y).
:func:`class_names` orders them so that the first ``n`` spread over all
families.

The modules:

- :mod:`~sbsr.data.shapes.parts`: the primitives (box, rod, disc, cone, ball,
  capsule, ring, lathe, slab, arc, chain) and :func:`~sbsr.data.shapes.parts.assemble`;
- one module per group of families, each family one function ``family(rng, kind)``:
  :mod:`~sbsr.data.shapes.furniture`, :mod:`~sbsr.data.shapes.household`,
  :mod:`~sbsr.data.shapes.vehicles`, :mod:`~sbsr.data.shapes.buildings`,
  :mod:`~sbsr.data.shapes.nature`, :mod:`~sbsr.data.shapes.animals`,
  :mod:`~sbsr.data.shapes.tools`, :mod:`~sbsr.data.shapes.devices`,
  :mod:`~sbsr.data.shapes.objects`;
- :mod:`~sbsr.data.shapes.registry`: ``FAMILIES`` (family -> builder and sub-types),
  ``CLASSES``, :func:`class_names`, and :func:`make_shape` with :func:`deform` and
  :func:`normalize`. This package re-exports the registry.
"""

from sbsr.data.shapes.registry import (
    CLASSES,
    DRAWN_FROM_ABOVE,
    FAMILIES,
    MAX_CLASSES,
    ShapeClass,
    class_names,
    deform,
    make_shape,
    normalize,
)

__all__ = [
    "CLASSES",
    "DRAWN_FROM_ABOVE",
    "FAMILIES",
    "MAX_CLASSES",
    "ShapeClass",
    "class_names",
    "deform",
    "make_shape",
    "normalize",
]
