"""Deterministic synthetic data: provider reports, ground truth and benign stand-in images.

Entry point: ``tipline.synth.generator.generate(n_reports, seed, out, bytes_share=..., progress=...)``.
Images are generated shapes, gradients and noise; texts are short, factual, non-graphic messages.
"""
