"""Reading and writing files: decoding, strict YAML, located problems, atomic writes, bundled data."""
