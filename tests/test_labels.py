"""Every field and every choice of the self-description has a Chinese name (issue #17)."""

import re

from gbstd.description.base import Choice
from gbstd.description.model import CentreDescription, block_kind

_HAN = re.compile(r"[\u4e00-\u9fff]")


def _fields(model, prefix=""):
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        kind, target = block_kind(info.annotation)
        yield path, info
        if kind == "model":
            yield from _fields(target, path + ".")
        elif kind == "models":
            yield from _fields(target, path + "[].")


def _choices(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _choices(sub)


def test_every_field_has_a_chinese_label_as_its_schema_title():
    fields = list(_fields(CentreDescription))
    assert len(fields) > 400
    unlabelled = [
        path
        for path, info in fields
        if not (info.title and _HAN.search(info.title))
        or (info.json_schema_extra or {}).get("x-zh") != info.title
    ]
    assert unlabelled == []
    schema = CentreDescription.model_json_schema()
    assert schema["$defs"]["Policies"]["properties"]["one_time_notice"]["title"] == "一次性告知制度"


def test_every_choice_has_a_distinct_chinese_label():
    # The questionnaire's drop-downs show these words and read them back: none may repeat.
    choices = list(_choices(Choice))
    assert len(choices) > 20
    for choice in choices:
        labels = [member.zh for member in choice]
        assert all(_HAN.search(label) for label in labels), choice
        assert len(set(labels)) == len(labels), choice


def test_the_schema_names_every_choice_in_chinese():
    schema = CentreDescription.model_json_schema()
    zone = schema["$defs"]["Zone"]
    assert zone["x-zh"]["waiting"] == "等候休息区" and zone["x-zh"]["nursing_room"] == "母婴室"
    # One name for the waiting zone: no other zone a newcomer could take for "等候休息".
    assert [k for k, v in zone["x-zh"].items() if "等候" in v or "休息" in v] == ["waiting"]
    assert set(zone["x-zh"]) == set(zone["enum"])
