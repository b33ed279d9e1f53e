"""The terminal summary counts each kind of result in its own column."""

import pytest
from rich.console import Console
from test_verdicts import db98_pack, organisation, run98

from gbstd.assessment.run import prepare
from gbstd.reports.assessment import summary_table

# DB98: 4.1–4.8 shall, 4.9 should, 4.10 may, one yes/no fact each (see test_verdicts).
SCENARIOS = [
    # 4.3 not met, 4.9 not met, 4.10 not taken up; 4.7 and 4.8 declared not applicable; the
    # facts of 4.4, 4.5 and 4.6 left out.
    (
        ("internal_units_defined", "patrol_post", "patrol_post_staffed"),
        ("4.7", "4.8"),
        ("window_management_duties_documented", "coordination_mechanism", "staff_roster_kept"),
        ["1", "1", "1", "2", "3"],
    ),
    # 4.1–4.4 not met, 4.10 not taken up, 4.5 and 4.6 declared not applicable.
    (
        (
            "management_body_approved",
            "responsibilities_documented",
            "internal_units_defined",
            "window_management_duties_documented",
            "patrol_post_staffed",
        ),
        ("4.5", "4.6"),
        (),
        ["4", "0", "1", "2", "0"],
    ),
]


@pytest.mark.parametrize(("unmet", "declared", "omitted", "expected"), SCENARIOS)
def test_each_count_is_in_its_own_column(tmp_path, unmet, declared, omitted, expected):
    facts = organisation(**dict.fromkeys(unmet, True))
    for fact in omitted:
        del facts["organisation"][fact]
    facts["not_applicable"] = [{"requirement": r, "reason": "不涉及"} for r in declared]
    pack, checks = db98_pack(tmp_path)
    report, _ = run98(prepare([pack], [checks]), tmp_path, facts)
    for lang in ("zh", "en"):
        console = Console(width=120, record=True)
        console.print(summary_table(report, lang))
        lines = console.export_text().splitlines()
        row = next(line for line in lines if line.lstrip().startswith("DB98"))
        # NC, improvements, not adopted, not applicable, data needed: the last five columns
        assert row.split()[-5:] == expected
