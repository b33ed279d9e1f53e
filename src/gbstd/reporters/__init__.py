"""Renderers: each turns gbstd data into a rich renderable or a string; none writes files."""
