"""The catalogue: the standards' clause trees, the checklists, their expressions and thresholds."""
