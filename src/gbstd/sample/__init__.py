"""Synthetic centres and case records, for trying gbstd and measuring it."""
