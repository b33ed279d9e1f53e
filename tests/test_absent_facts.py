"""Guessing the facts a centre left out must not cost a copy of everything it stated."""

import copy
import json
from datetime import date

from gbstd.assessment.facts import Facts, fact_data
from gbstd.assessment.run import assess_figures, prepare, select_standards
from gbstd.catalogue.expressions import context
from gbstd.description.factinfo import candidate_values
from gbstd.description.loading import load_description
from gbstd.sample.centres import sample_centres


def test_checks_with_absent_facts_never_deep_copy_the_centre(tmp_path, monkeypatch):
    """A complete sample centre leaves out a few optional facts (a management standard has no
    service quality); each check reading them is tried with guessed values. A deep copy of the
    centre per guess made those guesses 90 % of a batch's time; only the paths filled in are
    copied now, and the verdicts stay the same."""
    setup = prepare()
    standards = select_standards(setup.catalogue, [])
    loaded = []
    for name, text in sample_centres(12, seed=0):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        loaded.append(load_description(path))
    today = date(2026, 12, 4)
    before = [assess_figures(d, setup, standards, today=today) for d in loaded]
    stated = [d.description.model_dump(mode="json") for d in loaded]

    def refuse(*args, **kwargs):
        raise AssertionError("deepcopy while deciding a check")

    monkeypatch.setattr(copy, "deepcopy", refuse)
    after = [assess_figures(d, setup, standards, today=today) for d in loaded]
    monkeypatch.undo()
    assert after == before
    assert [d.description.model_dump(mode="json") for d in loaded] == stated  # nothing changed


def _guessed_the_long_way(stated, absent, choice, as_of):
    """Fill the guesses into a copy of everything stated, then every block: what checks saw
    before a guess filled in only the sections it touches."""
    stated = copy.deepcopy(stated)
    for path in absent:
        values = candidate_values(path)
        value = values[min(choice, len(values) - 1)]
        head, _, item = path.partition("[].")
        *parents, last = head.split(".")
        node = stated
        for part in parents:
            if not isinstance(node.get(part), dict):
                node[part] = {}
            node = node[part]
        if item:
            node[last] = [
                {**entry, item: value} if item not in entry else entry
                for entry in node.get(last, [])
            ]
        else:
            node[last] = value
    return fact_data(stated, as_of)


def test_guessed_facts_are_the_whole_description_filled_in(tmp_path):
    """A guess fills in again only the sections it touches (filling every block of a complete
    centre for each guess cost more than the checks it was for). What checks see must be
    exactly what filling in the whole description gives, down to the order of keys, also
    when the guess lands in a block or a whole section the centre left out."""
    as_of = date(2026, 6, 30)
    (name, text), *_ = sample_centres(1, seed=0)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    complete = load_description(path).description.model_dump(mode="json", exclude_none=True)
    sparse = copy.deepcopy(complete)
    del sparse["online"], sparse["premises"]
    assert complete["standardization"]["standards"]
    for entry in sparse["standardization"]["standards"]:
        entry.pop("quality", None)
    guesses = [
        ("online.all_matters_online",),
        ("premises.accessibility.low_counter", "online.case_status_query"),
        ("standardization.standards[].quality",),
        ("standardization.standards[].quality", "matters.items[].fee_published"),
    ]
    for stated in (complete, sparse):
        plain = fact_data(stated, as_of)
        facts = Facts(stated, context(plain), as_of, plain)
        for absent in guesses:
            assert all(candidate_values(p) for p in absent)
            for choice in range(4):
                got = facts.guessed(absent, choice)
                expected = _guessed_the_long_way(stated, absent, choice, as_of)
                assert {k: json.dumps(v) for k, v in got.items()} == {
                    k: json.dumps(v) for k, v in expected.items()
                }
        assert fact_data(stated, as_of) == plain  # no guess changed the centre's own data
