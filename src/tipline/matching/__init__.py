"""Matching of perceptual hashes against indexed indicators."""
