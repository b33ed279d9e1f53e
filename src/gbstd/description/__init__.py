"""A centre's self-description: the model of its facts, loading it, and what can be said about it."""
