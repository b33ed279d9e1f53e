"""Assessing a centre: facts against checks, results, scores, findings, comparison, batches."""
