"""Properties that must hold for any input, not just the examples we thought of."""

import string
import sys
from datetime import date

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from gbstd.catalogue.loading import load_catalogue, load_standard_file
from gbstd.catalogue.standard import Standard
from gbstd.errors import InvalidInputError
from gbstd.io.yamlsource import parse_yaml

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


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_names, _facts, max_size=4), st.lists(_names, min_size=1, max_size=3))
def test_stated_paths_mean_what_walking_the_facts_means(stated, parts):
    from gbstd.assessment.facts import stated_paths

    paths = stated_paths(stated)
    for cut in range(len(parts)):
        for path in (".".join(parts), ".".join(parts[:cut]) + "[]." + ".".join(parts[cut:])):
            assert (path in paths) == _stated_by_walking(stated, path), path


# --- the YAML reader on hostile input: it loads, or it refuses with InvalidInputError ---
#
# Random text alone almost never reaches the crash classes of issue 13 (item 10): deep nesting,
# values their tag cannot hold, impossible timestamps, date-like keys. These strategies build
# them on purpose. Example counts: nesting 600, scalars 1,000, as-of dates 300 (about 8 s in
# all on the shared 2-core machine). Run against the code before the fixes, each test failed on
# every run, finding RecursionError; ValueError, KeyError, IndexError, AttributeError and
# TypeError from tagged scalars, impossible timestamps and date keys; and OverflowError.

_TAGS = ["int", "bool", "float", "timestamp", "null", "str", "binary", "set", "python/none"]
_WORDS = ["yes", "yesyes", "1yes", "abc", "0x1F", "0o17", "1_000", "1:20", ".inf", "~", "1e3", ""]


@st.composite
def _timestamps(draw):
    """Date and time text, in and out of range (month 19, day 39, hour 29, offset ±99)."""
    text = f"{draw(st.integers(0, 9999)):04d}-{draw(st.integers(0, 19)):02d}-"
    text += f"{draw(st.integers(0, 39)):02d}"
    if draw(st.booleans()):
        text += draw(st.sampled_from([" ", "T", "t"]))
        text += f"{draw(st.integers(0, 29)):02d}:{draw(st.integers(0, 69)):02d}"
        text += f":{draw(st.integers(0, 69)):02d}"
        text += draw(
            st.sampled_from(["", ".5", "Z", " +08:00", "-5", f" +{draw(st.integers(0, 99))}"])
        )
    return text


_scalars = st.one_of(
    _timestamps(),
    st.builds(
        lambda tag, value: f"!!{tag} {value}",
        st.sampled_from(_TAGS),
        st.one_of(st.sampled_from(_WORDS), _timestamps(), st.integers().map(str)),
    ),
    st.sampled_from(_WORDS),
    st.integers(-(10**20), 10**20).map(str),
    st.just("9" * 5000),  # over Python's 4300-digit limit for int()
    st.from_regex(r"[a-z中]{1,5}", fullmatch=True),
)


def _flow(value, depth):
    return "[" * depth + value + "]" * depth


def _compact(value, depth):
    return "- " * depth + value


def _block(value, depth):
    return "".join(" " * i + f"k{i}:\n" for i in range(depth)) + " " * depth + value


_LEAVES = st.sampled_from(["x", "1", "中心", "2025-12-31"])


@st.composite
def _nested_documents(draw, leaves=_LEAVES):
    """A key or two, each holding a value nested deeply: around MAX_DEPTH, and far beyond.

    The leaves are harmless, so that a failure here is about depth alone (a hostile scalar
    would fail first and hide it).
    """
    lines = []
    for i in range(draw(st.integers(1, 2))):
        key = f"k{i}"
        shape = draw(st.sampled_from([_flow, _compact, _block]))
        # Around MAX_DEPTH (100), past Python's recursion limit (~500) and libyaml's cap (1000).
        deepest = 600 if shape is _block else 1100  # block nesting costs depth² characters
        depth = draw(st.one_of(st.integers(0, 5), st.integers(95, 105), st.integers(0, deepest)))
        value = shape(draw(leaves), depth)
        if shape is _flow:
            lines.append(f"{key}: {value}")
        else:
            body = "\n".join("  " + line for line in value.splitlines())
            lines.append(f"{key}:\n{body}")
    return "\n".join(lines) + "\n"


def _loads_or_refuses(text):
    # With the stack of a fresh `gbstd` process: Hypothesis raises the recursion limit while a
    # test runs, which would hide a RecursionError that the command line meets at ~500 levels.
    depth, frame = 0, sys._getframe()
    while frame is not None:
        depth, frame = depth + 1, frame.f_back
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(depth + 1000)  # Python's default, counted from here
    try:
        parse_yaml(text, "fuzz.yaml")
    except InvalidInputError as exc:
        assert exc.problems and all(p.file == "fuzz.yaml" for p in exc.problems)
    finally:
        sys.setrecursionlimit(limit)


@settings(max_examples=600, deadline=None)
@given(_nested_documents())
def test_deeply_nested_documents_load_or_are_refused(text):
    _loads_or_refuses(text)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(_scalars, _scalars), min_size=1, max_size=4))
def test_any_scalar_as_key_or_value_loads_or_is_refused(pairs):
    text = "".join(f"{key}: {value}\n" for key, value in pairs)
    text += "list:\n" + "".join(f"  - {value}\n" for _, value in pairs)
    text += "flow: {" + ", ".join(f"f{i}: {value}" for i, (_, value) in enumerate(pairs)) + "}\n"
    _loads_or_refuses(text)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(st.dates(), st.dates(max_value=date(2, 12, 31))),
    st.sampled_from(["{}", '"{}"', "{} 00:00:00", "{} 24:00:00"]),
)
def test_any_as_of_date_is_refused_or_usable_by_the_checks(tmp_path_factory, day, form):
    # assessed_on: 0001-01-01 loaded fine, then made the checks' date arithmetic overflow.
    from gbstd.assessment.facts import fact_data
    from gbstd.description.loading import load_description

    path = tmp_path_factory.mktemp("asof") / "c.yaml"
    path.write_text(
        "format_version: 1\ncentre:\n  name: 中心\n  level: county\n"
        f"  assessed_on: {form.format(day.isoformat())}\n",
        encoding="utf-8",
    )
    try:
        loaded = load_description(path)
    except InvalidInputError as exc:
        assert exc.problems[0].line == 5
        return
    as_of = loaded.description.centre.assessed_on
    fact_data(loaded.description.model_dump(exclude_none=True), as_of)
