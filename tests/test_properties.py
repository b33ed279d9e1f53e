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
