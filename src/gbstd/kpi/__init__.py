"""Window-service indicators (GB/T 32169.4) computed from case records with SQL."""
