"""The JSON Schema of the self-description file, for editors' completion and validation."""

from __future__ import annotations

import json

SCHEMA_ID = "https://gbstd.invalid/schema/centre-description-1.json"


def json_schema() -> str:
    """The self-description format as a JSON Schema (draft 2020-12) document, ending in a newline."""
    from gbstd.description.model import CentreDescription

    document = CentreDescription.model_json_schema()
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["$id"] = SCHEMA_ID
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
