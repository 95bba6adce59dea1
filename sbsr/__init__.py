"""sbsr: sketch-based 3D shape retrieval with deep cross-modality adaptation."""

__version__ = "0.1.0"
