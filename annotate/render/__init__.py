"""Renderers: consumers of a Comparison (HTML redline, text, JSON) or of targets."""
