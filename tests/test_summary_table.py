"""The terminal summary counts each kind of result in its own column."""

from rich.console import Console
from test_verdicts import db98_pack, organisation, run98

from gbstd.assessment import prepare
from gbstd.reporters.assessment import summary_table


def test_each_count_is_in_its_own_column(tmp_path):
    # 4.3 shall not met, 4.9 should not met, 4.10 may not taken up; 4.7 and 4.8 declared not
    # applicable; the facts of 4.4, 4.5 and 4.6 left out: 1, 1, 1, 2 and 3.
    facts = organisation(internal_units_defined=1, patrol_post=1, patrol_post_staffed=1)
    for fact in (
        "window_management_duties_documented",
        "coordination_mechanism",
        "staff_roster_kept",
    ):
        del facts["organisation"][fact]
    facts["not_applicable"] = [
        {"requirement": "4.7", "reason": "无窗口"},
        {"requirement": "4.8", "reason": "无现场"},
    ]
    pack, checks = db98_pack(tmp_path)
    report, _ = run98(prepare([pack], [checks]), tmp_path, facts)
    console = Console(width=120, record=True)
    for lang in ("zh", "en"):
        console.print(summary_table(report, lang))
        lines = console.export_text().splitlines()
        row = next(line for line in lines if line.lstrip().startswith("DB98"))
        assert row.split()[-5:] == ["1", "1", "1", "2", "3"]
