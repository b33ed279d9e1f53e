"""Shared helper for tests: assess a small centre against the DB99 test standard."""

from datetime import date
from pathlib import Path

import yaml

from gbstd.assessment.run import assess, prepare, select_standards
from gbstd.description.loading import load_description

DATA = Path(__file__).parent / "data"

GAPPY = {
    "policies": {"first_contact": {"adopted": True, "published": True}},
    "premises": {
        "location": {"public_transport": False, "parking_spaces": 20},
        "windows": {"total": 6},
    },
    "online": {"provided": True, "online_application": True},
    "not_applicable": [{"requirement": "6.1", "reason": "由上级中心检查"}],
    "evidence": [
        {"id": "E1", "title": "首问负责制度", "path": "evidence/首问.pdf", "supports": ["4.1"]},
        {
            "id": "E2",
            "title": '=HYPERLINK("http://evil")',
            "path": "x.jpg",
            "facts": ["premises.windows"],
            "expires": "2026-01-01",
        },
    ],
}


def db99_setup(tmp_path: Path):
    pack = tmp_path / "pack"
    pack.mkdir(exist_ok=True)
    (pack / "db99.yaml").write_text(
        (DATA / "db99.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return prepare([pack], [DATA / "db99-checks"])


def db99_report(tmp_path: Path, facts=None, name="测试中心"):
    setup = db99_setup(tmp_path)
    document = {
        "format_version": 1,
        "centre": {"name": name, "level": "county", "assessed_on": "2026-06-30"},
    }
    document |= GAPPY if facts is None else facts
    path = tmp_path / "centre.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    standards = select_standards(setup.catalogue, ["DB99/T 1"])
    return assess(
        load_description(path), setup, standards, today=date(2026, 6, 30), tool_version="X"
    )
