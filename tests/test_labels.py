"""Every field and every choice of the self-description has a Chinese name (issue #17)."""

import re

import pytest

from gbstd.description.base import Choice
from gbstd.description.model import CentreDescription, block_kind
from gbstd.description.questionnaire import QuestionSheet, layout

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


# Issue #17: every field also carries a one-line explanation (the questionnaire's 说明, the
# schema's description, the starter file's comment): what counts and how to answer, in plain
# words, never a clause of a standard.
# Notes about how a requirement id is written may show one (``32168-4.1.R01``).
_ID_FORMAT_FIELDS = {("NotApplicable", "requirement"), ("Waiver", "requirement")}
# A clause number (4.1, 5.3.2) never starts with 0; a rate's example (0.95) does.
_CLAUSE_NUMBER = re.compile(r"(?<![\d.])[1-9]\d*\.\d")


def _model_classes(model, seen=None):
    seen = {} if seen is None else seen
    seen.setdefault(model.__name__, model)
    for info in model.model_fields.values():
        kind, target = block_kind(info.annotation)
        if kind in {"model", "models"} and target.__name__ not in seen:
            _model_classes(target, seen)
    return seen


_CLASSES = sorted(_model_classes(CentreDescription))


def test_the_whole_model_is_walked():
    assert len(_CLASSES) >= 30
    assert {"CentreDescription", "Policy", "Satisfaction", "Department", "OwnStandard"} <= set(
        _CLASSES
    )


@pytest.mark.parametrize("name", _CLASSES)
def test_every_field_has_a_one_line_chinese_note_that_cites_no_clause(name):
    model = _model_classes(CentreDescription)[name]
    problems = []
    for field, info in model.model_fields.items():
        note = (info.json_schema_extra or {}).get("x-note") or ""
        if not _HAN.search(note):
            problems.append(f"{field}: no Chinese note")
        elif len(note) > 80 or "\n" in note:
            problems.append(f"{field}: not one short line ({len(note)} characters)")
        elif (name, field) not in _ID_FORMAT_FIELDS and (
            "GB/T" in note or "标准要求" in note or _CLAUSE_NUMBER.search(note)
        ):
            problems.append(f"{field}: cites a standard or clause: {note}")
        elif note == info.title:
            problems.append(f"{field}: repeats the label")
    assert problems == []
    # `gbstd schema` carries it too, in each property's description.
    properties = model.model_json_schema()["properties"]
    for field, info in model.model_fields.items():
        assert info.json_schema_extra["x-note"] in properties[field]["description"], field


def test_the_questionnaire_explains_every_question():
    # What an officer sees: the 说明 cell beside each question and the header note of each
    # table column.
    unexplained, seen = [], 0
    for sheet in layout():
        if isinstance(sheet, QuestionSheet):
            rows = [(q.key, q.note) for q in sheet.questions]
        else:
            rows = [(f"{sheet.path}[].{c.name}", c.note) for c in sheet.columns]
        for key, note in rows:
            seen += 1
            if not note:
                unexplained.append(key)
    assert seen > 500
    assert unexplained == []
    (outside,) = [
        q
        for sheet in layout()
        if isinstance(sheet, QuestionSheet)
        for q in sheet.questions
        if q.path == "matters.outside_acceptance_found"
    ]
    # A yes that is a finding, not an achievement, is said so where it is asked.
    assert "答“是”表示存在问题" in outside.note


def test_a_note_reaches_the_schema_and_the_questionnaire():
    from gbstd.description.questionnaire import layout

    schema = CentreDescription.model_json_schema()
    adopted = schema["$defs"]["Policy"]["properties"]["adopted"]
    assert adopted["x-note"] in adopted["description"] and "书面" in adopted["x-note"]
    rows = {q.key: q.note for sheet in layout() for q in getattr(sheet, "questions", ()) if q.note}
    assert "例：2" in rows["safety.drills_per_year"]
