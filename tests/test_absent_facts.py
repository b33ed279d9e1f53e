"""Guessing the facts a centre left out must not cost a copy of everything it stated."""

import copy
from datetime import date

from gbstd.assessment.run import assess_figures, prepare, select_standards
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
