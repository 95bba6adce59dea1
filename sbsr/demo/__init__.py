"""Interactive retrieval demo: draw or pick a sketch, see the ranked 3D shapes (ipywidgets, Voila).

The widgets (``sbsr.demo.app``) need the ``demo`` extra (ipywidgets,
ipycanvas); they are imported on first use, so ``sbsr retrieve`` works without it.
"""

from sbsr.demo.model import DemoModel, Gallery, Queries, SketchEmbedder, Variant, load_demo_model, load_demo_networks, save_demo_model

__all__ = [
    "DemoModel",
    "Gallery",
    "Queries",
    "RetrievalApp",
    "SketchEmbedder",
    "Variant",
    "build_app",
    "load_demo_model",
    "load_demo_networks",
    "save_demo_model",
]


def __getattr__(name: str):
    if name in ("RetrievalApp", "build_app"):
        from sbsr.demo import app

        return getattr(app, name)
    raise AttributeError(f"module 'sbsr.demo' has no attribute {name!r}")
