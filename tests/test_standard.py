import pytest
from pydantic import ValidationError

from gbstd.catalogue.loading import load_standard_file
from gbstd.catalogue.standard import Requirement, Standard, Text, slugify_number
from gbstd.errors import InvalidInputError


def base(**overrides):
    data = {
        "format_version": 1,
        "number": "DB99/T 1-2024",
        "title": "测试",
        "provenance": "测试",
        "children": [
            {
                "id": "4",
                "kind": "chapter",
                "title": "要求",
                "provenance": "licensed_text",
                "children": [
                    {
                        "id": "99-4.R01",
                        "kind": "requirement",
                        "title": "第一条",
                        "provenance": "derived",
                        "statement": {"zh": "中心应有制度。", "en": "Rules."},
                        "level": "shall",
                    }
                ],
            }
        ],
    }
    data.update(overrides)
    return data


def lint(tree, text):
    root = tree({"s.yaml": text})
    with pytest.raises(InvalidInputError) as exc:
        load_standard_file(root / "s.yaml")
    return exc.value.problems


def test_a_plain_string_is_chinese_text():
    std = Standard.model_validate(base())
    assert std.title == Text(zh="测试")
    assert std.title.get("en") == "测试"  # falls back to Chinese when no English exists


def test_models_are_frozen():
    std = Standard.model_validate(base())
    with pytest.raises(ValidationError):
        std.number = "x"


def test_unknown_key_is_rejected_and_named(tree, minimal_standard):
    text = minimal_standard().replace(
        "        level: shall\n", "        level: shall\n        statment: x\n"
    )
    (problem,) = lint(tree, text)
    assert problem.field == "children[0].children[0].statment"
    assert (problem.line, problem.column) == (17, 9) and "未知字段" in problem.message("zh")


def test_unquoted_decimal_id_is_refused_not_rounded(tree, minimal_standard):
    (problem,) = lint(tree, minimal_standard().replace('id: "4.1"', "id: 4.10"))
    assert problem.field == "children[0].children[0].id"
    assert "加引号" in problem.message("zh") and "1.10" in problem.message("zh")


def test_quoted_decimal_id_stays_exact(tree, minimal_standard):
    root = tree({"s.yaml": minimal_standard().replace('id: "4.1"', 'id: "4.10"')})
    assert load_standard_file(root / "s.yaml").find("4.10") is not None


def test_wrong_level_lists_the_choices(tree, minimal_standard):
    (problem,) = lint(tree, minimal_standard().replace("level: shall", "level: must"))
    assert "'shall', 'should' 或 'may'" in problem.message("zh")
    assert problem.field.endswith(".level")


def test_every_problem_is_reported_at_once(tree, minimal_standard):
    text = (
        minimal_standard()
        .replace("level: shall", "level: must")
        .replace("kind: chapter", "kind: chapter\n    colour: red")
    )
    assert len(lint(tree, text)) == 2


def test_missing_field_is_named(tree, minimal_standard):
    (problem,) = lint(tree, minimal_standard().replace("        level: shall\n", ""))
    assert problem.field == "children[0].children[0].level" and "缺少必填字段" in problem.message(
        "zh"
    )


def test_unknown_kind_is_rejected(tree, minimal_standard):
    (problem,) = lint(tree, minimal_standard().replace("kind: requirement", "kind: requirment"))
    assert "requirment" in problem.message("zh")


def test_derived_node_may_not_look_official():
    data = base()
    data["children"][0]["children"][0]["id"] = "4.3.2"
    with pytest.raises(ValidationError, match="looks like an official clause number"):
        Standard.model_validate(data)


def test_licensed_text_may_use_official_numbers():
    data = base()
    node = data["children"][0]["children"][0]
    node["id"], node["provenance"] = "4.3.2", "licensed_text"
    assert Standard.model_validate(data).find("4.3.2") is not None


def test_requirement_cannot_be_a_chapter_child_of_the_root():
    data = base()
    data["children"].append(data["children"][0]["children"][0] | {"id": "99-X.R01"})
    with pytest.raises(ValidationError, match="cannot sit under a standard"):
        Standard.model_validate(data)


def test_duplicate_node_ids_are_rejected():
    data = base()
    chapter = data["children"][0]
    chapter["children"].append(dict(chapter["children"][0]))
    with pytest.raises(ValidationError, match="used twice"):
        Standard.model_validate(data)


def test_walk_and_requirements_follow_document_order():
    std = Standard.model_validate(base())
    assert [n.id for _, n in std.walk()] == ["4", "99-4.R01"]
    assert [type(r) for r in std.requirements()] == [Requirement]


@pytest.mark.parametrize(
    ("number", "slug"),
    [
        ("GB/T 32169.4-2015", "gbt-32169.4-2015"),
        ("GB 2894-2008", "gb-2894-2008"),
        ("DB37/T 1-2020", "db37t-1-2020"),
    ],
)
def test_slugify_number(number, slug):
    assert slugify_number(number) == slug
