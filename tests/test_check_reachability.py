"""Every bundled check can pass and can fail, and pinned cases catch any change to its meaning.

``checkcases`` builds facts for each automatic check from the facts it reads and the schema,
and keeps the few that tell the check apart from each of its mutants (a comparison flipped,
a threshold moved one step, an ``&&``/``||`` operand dropped, ``all`` ↔ ``exists``). They are
stored with the status each gave in ``tests/golden/check-cases.json``; ``--update-goldens``
makes them again (about two minutes) — read the diff: a changed status is a changed verdict.
"""

import json

import pytest
from checkcases import check_mutants, decide, generate, prepared
from conftest import GOLDEN_DIR

from gbstd.catalogue.checks import load_checks
from gbstd.catalogue.expressions import Expression

GOLDEN = GOLDEN_DIR / "check-cases.json"

# Checks that cannot come out conforming, or cannot come out partial/nonconforming, and why.
ONE_SIDED: dict[str, str] = {}

# Mutants that no generated case tells apart, with the reason each is acceptable.
_HALF = (
    "a share in [49 %, 50 %) needs a list of 51 or more; the step the other way (0.51) is told"
    " apart at exactly half"
)
SURVIVORS: dict[str, dict[str, str]] = {
    "32169.2-5.R02": {"partial: 0.5 → 0.49": _HALF},
    "32169.2-5.R06": {"partial: 0.5 → 0.49": _HALF},
    "32169.3-3.R10": {"partial: 0.5 → 0.49": _HALF},
    "32169.1-6.R08": {
        "partial: 0.5 → 0.49": _HALF,
        "partial: drop 'd.authorisation_letter'": (
            "equivalent: the second operand (at least half the entered departments have a letter)"
            " already implies an entered department with a letter"
        ),
    },
    "32169.3-4.R08": {
        "expect: drop 'has(counter_service.acceptance_notice_states_deadline)'": (
            "equivalent at run time: the guard makes the contents optional for the static check"
            " (no notice fails without them); absent, the guarded form is decided by guessing"
            " them and the unguarded one cannot be evaluated: data needed either way"
        ),
    },
    "32170.2-6.R12": {
        "partial: exists → all at 245": (
            "needs a title holding all five procedure words at once; the same mutant of expect"
            " is told apart"
        ),
    },
}


@pytest.fixture(scope="module")
def checks():
    return load_checks()


@pytest.fixture(scope="module")
def automatic(checks):
    return {rid: c for rid, c in sorted(checks.by_requirement.items()) if not c.manual}


def _write(cases: dict[str, list[dict]]) -> str:
    lines = ["{"]
    for i, (rid, items) in enumerate(cases.items()):
        lines.append(f"  {json.dumps(rid)}: [")
        for j, case in enumerate(items):
            comma = "," if j < len(items) - 1 else ""
            lines.append("    " + json.dumps(case, ensure_ascii=False, sort_keys=True) + comma)
        lines.append("  ]" + ("," if i < len(cases) - 1 else ""))
    lines.append("}")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def cases(request, automatic):
    if request.config.getoption("--update-goldens") or not GOLDEN.exists():
        made = {rid: generate(check)[0] for rid, check in automatic.items()}
        GOLDEN.write_text(_write(made), encoding="utf-8")
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_every_automatic_check_has_pinned_cases(automatic, cases):
    assert sorted(automatic) == sorted(cases)


def test_every_check_can_pass_and_can_fail(automatic, cases):
    one_sided = {}
    for rid, check in automatic.items():
        statuses = {decide(check, case["facts"]) for case in cases[rid]}
        if "conforming" not in statuses or not statuses & {"partial", "nonconforming"}:
            one_sided[rid] = sorted(statuses)
    assert {rid: s for rid, s in one_sided.items() if rid not in ONE_SIDED} == {}
    assert set(ONE_SIDED) <= set(one_sided), "an exception no longer needed"


def test_pinned_cases_decide_as_recorded(automatic, cases):
    changed = [
        (rid, case["facts"], case["status"], decide(automatic[rid], case["facts"]))
        for rid in cases
        for case in cases[rid]
        if decide(automatic[rid], case["facts"]) != case["status"]
    ]
    assert changed == []


def test_every_mutant_of_every_check_is_told_apart(automatic, cases):
    survivors = {}
    for rid, check in automatic.items():
        prepared_cases = [(prepared(check, c["facts"]), c["status"]) for c in cases[rid]]
        for label, expect, partial in check_mutants(check):
            if not any(decide(check, data, expect, partial) != s for data, s in prepared_cases):
                survivors.setdefault(rid, []).append(label)
    unexplained = {
        rid: [label for label in labels if label not in SURVIVORS.get(rid, {})]
        for rid, labels in survivors.items()
    }
    assert {rid: labels for rid, labels in unexplained.items() if labels} == {}


@pytest.mark.parametrize(
    ("requirement", "old", "new"),
    [
        # Issue 19 item 8: the two edits that once changed no test.
        ("32169.2-4.R07", ">= 4", "> 4"),
        ("32169.2-4.R05", "departments.items.exists(d, d.entered) && ", ""),
        # A threshold moved by one step, and a ratio's boundary.
        ("32169.1-6.R18", ">= 30", ">= 31"),
        ("32169.3-4.R12", ">= 0.95", "> 0.95"),
    ],
)
def test_an_edited_check_no_longer_decides_its_pinned_cases(
    automatic, cases, requirement, old, new
):
    check = automatic[requirement]
    assert old in check.check.expect
    edited = Expression(check.check.expect.replace(old, new))
    assert any(
        decide(check, case["facts"], edited, check.partial) != case["status"]
        for case in cases[requirement]
    )
