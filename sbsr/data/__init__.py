"""Benchmarks: SHREC 2013/2014 and SynthSBR files, meshes, rendered views, datasets, samplers."""
