"""Properties that must hold for any input, not just the examples we thought of."""

import string

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from gbstd.catalogue import load_catalogue, load_standard_file
from gbstd.errors import InvalidInputError
from gbstd.standard import Standard
from gbstd.yamlsource import parse_yaml

cjk = st.text(
    alphabet=st.sampled_from("中心窗口服务事项评价标准体系要求应宜可"), min_size=1, max_size=12
)
english = st.text(alphabet=string.ascii_letters + " .:-'\"#", min_size=1, max_size=20).filter(
    str.strip
)
texts = st.builds(lambda zh, en: {"zh": zh, "en": en}, cjk, english)


def requirement(short: str, index: int):
    return st.builds(
        lambda title, statement, level, weight: {
            "id": f"{short}.R{index:02d}",
            "kind": "requirement",
            "title": title,
            "provenance": "derived",
            "statement": statement,
            "level": level,
            "weight": weight,
        },
        texts,
        texts,
        st.sampled_from(["shall", "should", "may"]),
        st.integers(min_value=0, max_value=100),
    )


@st.composite
def standards(draw):
    chapters = []
    for number in range(1, draw(st.integers(1, 5)) + 1):
        count = draw(st.integers(0, 4))
        children = [draw(requirement(f"99-{number}", i + 1)) for i in range(count)]
        if draw(st.booleans()):
            # a decimal clause id that YAML would corrupt if it were not quoted
            children = [
                {
                    "id": f"{number}.10",
                    "kind": "clause",
                    "title": draw(texts),
                    "provenance": "licensed_text",
                    "children": children,
                }
            ]
        chapters.append(
            {
                "id": str(number),
                "kind": "chapter",
                "title": draw(texts),
                "provenance": "seed",
                "children": children,
            }
        )
    return {
        "format_version": 1,
        "number": "DB99/T 1-2024",
        "title": draw(texts),
        "provenance": draw(texts),
        "children": chapters,
    }


@settings(max_examples=40, deadline=None)
@given(standards())
def test_any_valid_standard_round_trips_through_yaml(tmp_path_factory, data):
    model = Standard.model_validate(data)
    path = tmp_path_factory.mktemp("rt") / "s.yaml"
    path.write_text(
        yaml.safe_dump(model.model_dump(mode="json"), allow_unicode=True), encoding="utf-8"
    )
    assert load_standard_file(path) == model


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_parsing_arbitrary_text_never_crashes(text):
    try:
        parse_yaml(text, "fuzz.yaml")
    except InvalidInputError as exc:
        assert exc.problems and all(p.file == "fuzz.yaml" for p in exc.problems)


CATALOGUE = load_catalogue()


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(CATALOGUE.entries),
    st.sampled_from(["full", "slug", "lower", "short", "short-slug", "spaced"]),
)
def test_every_standard_resolves_from_its_usual_spellings(entry, spelling):
    number = entry.number  # e.g. GB/T 32169.4-2015
    core = number.split(" ", 1)[1].rsplit("-", 1)[0]
    query = {
        "full": number,
        "slug": entry.standard.slug,
        "lower": number.lower(),
        "short": core,
        "short-slug": entry.standard.slug.rsplit("-", 1)[0],
        "spaced": number.replace("/", " / "),
    }[spelling]
    assert CATALOGUE.resolve(query) is entry


# Facts a check may read: nested mappings and lists, with a few names reused at every level.
_names = st.sampled_from(["a", "b", "items", "x.y", "ok"])
_facts = st.recursive(
    st.none() | st.booleans() | st.integers(0, 3) | st.text(max_size=2),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_names, inner, max_size=4),
    max_leaves=20,
)


def _stated_by_walking(stated, path):
    """The meaning of "stated", spelled out: walk the dotted path; ``list[].f`` in every item."""

    def get(dotted):
        node = stated
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                return None, False
            node = node[part]
        return node, True

    if "[]." in path:
        head, _, name = path.partition("[].")
        items, found = get(head) if "[]." not in head else (None, False)
        return (
            found
            and isinstance(items, list)
            and bool(items)
            and all(isinstance(i, dict) and name in i for i in items)
        )
    return get(path)[1]


@settings(max_examples=300)
@given(st.dictionaries(_names, _facts, max_size=4), st.lists(_names, min_size=1, max_size=3))
def test_stated_paths_mean_what_walking_the_facts_means(stated, parts):
    from gbstd.evaluation import stated_paths

    paths = stated_paths(stated)
    for cut in range(len(parts)):
        for path in (".".join(parts), ".".join(parts[:cut]) + "[]." + ".".join(parts[cut:])):
            assert (path in paths) == _stated_by_walking(stated, path), path
