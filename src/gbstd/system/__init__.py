"""A centre's own standard system (GB/T 32170.2): the template, the proposal, drafts and forms."""
