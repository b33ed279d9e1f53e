import pytest

from gbstd.catalogue.loading import lint_paths, load_catalogue
from gbstd.errors import InvalidInputError, UnknownStandardError


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


@pytest.mark.parametrize(
    "query",
    [
        "GB/T 32169.4-2015",
        "32169.4",
        "gbt-32169.4",
        "gbt-32169.4-2015",
        "GBT 32169.4",
        "gb/t32169.4—2015",
    ],
)
def test_forgiving_ids_resolve(catalogue, query):
    assert catalogue.resolve(query).number == "GB/T 32169.4-2015"


def test_a_unique_title_fragment_resolves(catalogue):
    assert catalogue.resolve("网上服务规范").number == "GB/T 32168-2015"


def test_unknown_id_suggests_close_matches(catalogue):
    with pytest.raises(UnknownStandardError) as exc:
        catalogue.resolve("32196.4")
    assert "GB/T 32169.4-2015" in exc.value.render("zh")


def test_wrong_year_does_not_resolve(catalogue):
    with pytest.raises(UnknownStandardError):
        catalogue.resolve("32169.4-2024")


def test_user_pack_adds_a_local_standard(tree, minimal_standard):
    pack = tree({"pack/db.yaml": minimal_standard("DB37/T 1234-2020")}) / "pack"
    cat = load_catalogue([pack])
    entry = cat.resolve("DB37/T 1234")
    assert not entry.builtin and cat.notices == ()


def test_user_pack_replaces_a_builtin_and_says_so(tree, minimal_standard):
    pack = tree({"pack/licensed.yaml": minimal_standard("GB/T 32169.4-2015")}) / "pack"
    cat = load_catalogue([pack])
    entry = cat.resolve("32169.4")
    assert not entry.builtin and entry.standard.find("4.1") is not None
    (notice,) = cat.notices
    assert "GB/T 32169.4-2015" in notice("zh") and "替换" in notice("zh")
    assert sum(e.number == "GB/T 32169.4-2015" for e in cat.entries) == 1


def test_later_pack_wins(tree, minimal_standard):
    first = tree({"a/x.yaml": minimal_standard("DB99/T 1-2024")}) / "a"
    second = (
        tree({"b/x.yaml": minimal_standard("DB99/T 1-2024").replace("测试标准", "第二版")}) / "b"
    )
    assert load_catalogue([first, second]).resolve("DB99/T 1").standard.title.zh == "第二版"


def test_same_number_twice_in_one_pack_is_an_error(tree, minimal_standard):
    pack = tree({"p/a.yaml": minimal_standard(), "p/b.yaml": minimal_standard()}) / "p"
    with pytest.raises(InvalidInputError, match="已在"):
        load_catalogue([pack])


def test_folder_without_yaml_is_an_error(tree):
    empty = tree({"p/readme.txt": "nothing"}) / "p"
    with pytest.raises(InvalidInputError, match="没有 \\.yaml"):
        load_catalogue([empty])


def test_lint_reports_problems_from_several_files(tree, minimal_standard):
    root = tree(
        {
            "p/a.yaml": "a: 1\na: 2\n",
            "p/b.yaml": minimal_standard().replace("level: shall", "level: x"),
        }
    )
    problems = lint_paths([root / "p"])
    assert [p.file.rsplit("/", 1)[-1] for p in problems] == ["a.yaml", "b.yaml"]
