"""Golden renderings of the catalogue views: what a user sees, byte for byte."""

import io
import json

from rich.console import Console

from gbstd.catalogue.loading import load_catalogue
from gbstd.reports import catalogue as view


def rendered(renderable) -> str:
    console = Console(file=io.StringIO(), width=80, color_system=None, legacy_windows=False)
    console.print(renderable)
    return console.file.getvalue()


def standard(query):
    return load_catalogue().resolve(query).standard


def test_tree_at_80_columns(golden):
    text = rendered(view.standard_tree(standard("32169.4"), "zh", depth=2))
    assert max(map(len, text.splitlines())) <= 80
    golden(text, "show-32169.4-depth2.txt")


def test_tree_of_one_clause_in_english(golden):
    std = standard("32168")
    golden(rendered(view.standard_tree(std, "en", std.find("6.1"))), "show-32168-6.1-en.txt")


def test_json_of_one_chapter(golden):
    std = standard("32169.4")
    golden(
        json.dumps(view.node_json(std.find("6"), "zh", None), ensure_ascii=False, indent=2) + "\n",
        "show-32169.4-6.json",
    )


def test_markdown(golden):
    golden(view.standard_markdown(standard("32169.2"), "zh"), "show-32169.2.md")


def test_list_table(golden):
    golden(
        rendered(view.list_table(load_catalogue().listed(include_extras=True), "zh")),
        "list-all.txt",
    )
