import csv
import datetime as dt
import json
from itertools import pairwise
from pathlib import Path

import chinese_calendar
import duckdb
import openpyxl
import pytest
from rich.console import Console

from gbstd.description.supervision import Indicators
from gbstd.errors import GbstdError, InvalidInputError, UsageError
from gbstd.kpi import figures, indicators, queries, staging
from gbstd.kpi.compute import compute
from gbstd.kpi.inputs import COLUMN_KINDS
from gbstd.kpi.profile import Breakpoint, Scoring, load_kpi_profile
from gbstd.reports.kpi import render, to_data
from gbstd.reports.kpibook import build

HEADER = list(COLUMN_KINDS)  # the canonical columns, in documentation order
DEFAULTS = {
    "centre_id": "C1",
    "matter": "营业执照",
    "department": "市场监管局",
    "window": "W1",
    "channel": "onsite",
    "accepted_at": "2026-03-02 09:00",
    "completed_at": "2026-03-02 10:00",
    "statutory_days": "20",
    "promised_days": "5",
    "on_the_spot": "否",
    "joint_required": "否",
    "joint_handled": "否",
    "authorised": "否",
    "decided_at_window": "否",
    "status": "completed",
    "refused_reason_given": "",
    "outside_system": "否",
    "satisfaction": "",
    "complaint": "否",
    "complaint_valid": "否",
    "complaint_accepted": "",
}

# Seven hand-made cases in March 2026 (no holidays; 2026-03-02 is a Monday). Expected figures:
#   窗口授权执行率 K1 of K1, K2                          1/2
#   办理提速率 K1 (20-0)/20, K2 (20-4)/20, K3 (10-9)/10   1.9/3
#   现场办结率 K1 (K7 on the spot but withdrawn) of the
#            six accepted cases (K4 was refused)         1/6
#   联办率 K5 of K5, K6                                  1/2
#   网上受理率 K2, K6                                    2/7
#   窗口服务满意率 K1, K2, K4 of K1, K2, K3, K4, K6       3/5
#   异常办理 K3 overdue, K4 refused without reason,
#            K5 open and overdue at 03-20, K6 outside    4
#   投诉率 K3, K6                                        2/7
#   投诉处理满意率 K3 of K3, K6                           1/2
#   按时办结率 K1, K2, K6 of K1, K2, K3, K6               3/4
CASES = [
    {
        "case_id": "K1",
        "on_the_spot": "是",
        "authorised": "是",
        "decided_at_window": "是",
        "satisfaction": "非常满意",
    },
    {
        "case_id": "K2",
        "channel": "online",
        "completed_at": "2026-03-06 16:00",
        "authorised": "Y",
        "decided_at_window": "N",
        "satisfaction": "满意",
    },
    {
        "case_id": "K3",
        "window": "W2",
        "completed_at": "2026-03-13 11:00",
        "statutory_days": "10",
        "satisfaction": "不满意",
        "complaint": "1",
        "complaint_valid": "1",
        "complaint_accepted": "1",
    },
    {
        "case_id": "K4",
        "window": "W2",
        "department": "人社局",
        "status": "refused",
        "completed_at": "2026-03-03 09:00",
        "refused_reason_given": "否",
        "satisfaction": "基本满意",
        "complaint": "true",
        "complaint_valid": "false",
    },
    {
        "case_id": "K5",
        "status": "in_progress",
        "completed_at": "",
        "joint_required": "是",
        "joint_handled": "是",
    },
    {
        "case_id": "K6",
        "channel": "online",
        "accepted_at": "2026-03-20 09:00",
        "completed_at": "2026-03-20 09:30",
        "statutory_days": "",
        "outside_system": "是",
        "joint_required": "是",
        "satisfaction": "very_dissatisfied",
        "complaint": "是",
        "complaint_valid": "是",
        "complaint_accepted": "否",
    },
    {
        "case_id": "K7",
        "status": "withdrawn",
        "accepted_at": "2026-03-03 09:00",
        "completed_at": "2026-03-04 09:00",
        "statutory_days": "",
        "promised_days": "1",
        "on_the_spot": "是",
    },
]
EXPECTED = {
    "authorisation_execution_rate": (1, 2),
    "speed_up_rate": (1.9, 3),
    "on_the_spot_rate": (1, 6),
    "joint_handling_rate": (1, 2),
    "online_acceptance_rate": (2, 7),
    "satisfaction_rate": (3, 5),
    "complaint_rate": (2, 7),
    "complaint_satisfaction_rate": (1, 2),
    "on_time_rate": (3, 4),
}
PROFILE = """\
format_version: 1
name: 测试配置
note: 测试用
satisfied_grades: [非常满意, 满意, 基本满意]
ranking: {{min_cases: 1}}
scoring:
  on_time_rate:
    weight: {on_time}
    scale: [{{value: 0, points: 0}}, {{value: 1, points: 100}}]
  satisfaction_rate:
    weight: {satisfaction}
    scale: [{{value: 0, points: 0}}, {{value: 1, points: 100}}]
"""


def write_cases(path: Path, rows, header=HEADER, *, bom: bool = False) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            full = {**DEFAULTS, **row}
            writer.writerow([full.get(name, "") for name in header])
    return path


@pytest.fixture
def cases_csv(tmp_path):
    return write_cases(tmp_path / "cases.csv", CASES, bom=True)


def elapsed(tmp_path, accepted, completed, **options):
    """Working days a single completed case took, read back from the speed-up rate."""
    path = write_cases(
        tmp_path / "one.csv",
        [
            {
                "case_id": "X",
                "accepted_at": accepted,
                "completed_at": completed,
                "statutory_days": "100",
            }
        ],
    )
    value = compute(path, **options).indicator("speed_up_rate").value
    return round(100 - value * 100)


def test_each_indicator_on_hand_made_cases(cases_csv):
    result = compute(cases_csv)
    assert (result.rows, result.cases) == (7, 7)
    for key, (numerator, denominator) in EXPECTED.items():
        indicator = result.indicator(key)
        assert indicator.numerator == pytest.approx(numerator), key
        assert indicator.denominator == denominator, key
        assert indicator.value == pytest.approx(numerator / denominator), key
    abnormal = result.indicator("abnormal_cases")
    assert (abnormal.value, abnormal.denominator) == (4, 7)
    assert dict(result.abnormal.by_kind) == {
        "overdue": 2,
        "outside_system": 1,
        "refused_without_reason": 1,
        "completed_before_accepted": 0,
    }
    assert [(c.case_id, c.kinds, c.elapsed_days) for c in result.abnormal.cases] == [
        ("K3", ("overdue",), 9),
        ("K4", ("refused_without_reason",), 1),
        ("K5", ("overdue",), 14),
        ("K6", ("outside_system",), 0),
    ]
    assert (result.period_start, result.period_end) == (dt.date(2026, 3, 2), dt.date(2026, 3, 20))
    assert result.as_of == dt.date(2026, 3, 20)
    assert result.issues == ()
    assert result.time_excluded == 0


def test_entry_rate_needs_the_matters_file(cases_csv, tmp_path):
    result = compute(cases_csv)
    entry = result.indicator("entry_implementation_rate")
    assert entry.value is None
    assert "matters" in entry.reason.en and "事项清单" in entry.reason.zh
    matters = tmp_path / "matters.csv"
    matters.write_text(
        "matter,should_enter,entered\n营业执照,是,是\n社保登记,是,否\n医保,1,1\n档案查询,否,是\n",
        encoding="utf-8",
    )
    entry = compute(cases_csv, matters=matters).indicator("entry_implementation_rate")
    assert (entry.numerator, entry.denominator, entry.value) == (2, 3, pytest.approx(2 / 3))


def test_matters_file_errors_are_located(cases_csv, tmp_path):
    matters = tmp_path / "matters.csv"
    matters.write_text("matter,should_enter,entered\n营业执照,也许,是\n", encoding="utf-8")
    with pytest.raises(InvalidInputError) as caught:
        compute(cases_csv, matters=matters)
    assert ":2:" in str(caught.value) and "也许" in str(caught.value)


def test_national_day_holiday_is_not_counted(tmp_path):
    # chinese_calendar: 1–7 October 2026 are holidays, the 8th and 9th are working days.
    assert not any(chinese_calendar.is_workday(dt.date(2026, 10, d)) for d in range(1, 8))
    assert chinese_calendar.is_workday(dt.date(2026, 10, 8))
    assert chinese_calendar.is_workday(dt.date(2026, 10, 9))
    assert elapsed(tmp_path, "2026-09-30 09:00", "2026-10-09 16:00") == 2


def test_national_day_case_is_overdue_and_slow(tmp_path):
    path = write_cases(
        tmp_path / "nd.csv",
        [
            {
                "case_id": "N1",
                "accepted_at": "2026-09-30 09:00",
                "completed_at": "2026-10-09 16:00",
                "statutory_days": "4",
                "promised_days": "1",
            }
        ],
    )
    result = compute(path)
    assert result.indicator("speed_up_rate").value == pytest.approx((4 - 2) / 4)
    assert result.indicator("on_time_rate").value == 0
    assert result.abnormal.cases[0].kinds == ("overdue",)
    assert result.abnormal.cases[0].elapsed_days == 2


def test_make_up_saturday_counts_as_a_working_day(tmp_path):
    make_up = dt.date(2026, 2, 14)
    assert make_up.weekday() == 5  # a Saturday …
    assert chinese_calendar.is_workday(make_up)  # … that chinese_calendar makes a working day
    assert elapsed(tmp_path, "2026-02-13 09:00", "2026-02-14 11:00") == 1
    assert elapsed(tmp_path, "2026-03-06 09:00", "2026-03-07 11:00") == 0  # an ordinary Saturday
    assert elapsed(tmp_path, "2026-03-02 09:00", "2026-03-02 17:00") == 0  # same day


def test_calendar_file_overrides_single_dates(tmp_path):
    yaml_file = tmp_path / "calendar.yaml"
    yaml_file.write_text("days:\n  - {date: 2026-10-08, workday: false}\n", encoding="utf-8")
    assert elapsed(tmp_path, "2026-09-30 09:00", "2026-10-09 16:00", calendar=yaml_file) == 1
    csv_file = tmp_path / "calendar.csv"
    csv_file.write_text("date,workday\n2026-02-14,否\n2026-03-07,是\n", encoding="utf-8")
    assert elapsed(tmp_path, "2026-02-13 09:00", "2026-02-14 11:00", calendar=csv_file) == 0
    assert elapsed(tmp_path, "2026-03-06 09:00", "2026-03-07 11:00", calendar=csv_file) == 1
    info = compute(write_cases(tmp_path / "c.csv", CASES), calendar=csv_file).calendar
    assert (info.file, info.file_days) == ("calendar.csv", 2)


def test_calendar_file_errors_are_located(tmp_path, cases_csv):
    bad = tmp_path / "calendar.yaml"
    bad.write_text("days:\n  - {date: 2026-10-08, workday: maybe}\n", encoding="utf-8")
    with pytest.raises(InvalidInputError) as caught:
        compute(cases_csv, calendar=bad)
    assert "calendar.yaml:2" in str(caught.value)


def test_years_outside_chinese_calendar_are_noted(tmp_path):
    path = write_cases(
        tmp_path / "late.csv",
        [{"case_id": "L", "accepted_at": "2031-03-03 09:00", "completed_at": "2031-03-04 09:00"}],
    )
    # As of a date in 2031: without one, dates after the run date are implausible.
    notes = compute(path, as_of=dt.date(2031, 3, 4)).calendar.notes
    assert len(notes) == 1 and "2031" in notes[0].zh and "chinese_calendar" in notes[0].en


def test_mapping_file_adapts_another_export(tmp_path):
    export = tmp_path / "export.csv"
    export.write_text(
        "办件编号,中心,部门,窗口号,受理渠道,受理时间,办结时间,办件状态,评价\n"
        "A1,C1,市场监管局,3,网办,2026/3/2 9:00,2026/3/3 10:00,已办结,好评\n"
        "A2,C1,市场监管局,3,窗口,2026/3/2 9:30,2026/3/2 9:50,已办结,差评\n"
        "A3,C1,人社局,4,窗口,2026年3月4日 10:00,,办理中,\n",
        encoding="utf-8",
    )
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(
        "columns:\n"
        "  case_id: 办件编号\n  centre_id: 中心\n  department: 部门\n  window: 窗口号\n"
        "  channel: 受理渠道\n  accepted_at: 受理时间\n  completed_at: 办结时间\n"
        "  status: 办件状态\n  satisfaction: 评价\n"
        "values:\n"
        "  channel: {网办: online}\n"
        "  status: {已办结: completed, 办理中: in_progress}\n"
        "  satisfaction: {好评: 满意, 差评: dissatisfied}\n",
        encoding="utf-8",
    )
    result = compute(export, mapping=mapping, by="window")
    assert result.issues == ()
    assert result.indicator("online_acceptance_rate").value == pytest.approx(1 / 3)
    assert result.indicator("satisfaction_rate").value == pytest.approx(1 / 2)
    assert result.period_end == dt.date(2026, 3, 4)
    assert [g.label for g in result.groups] == ["C1 / 3", "C1 / 4"]
    # Optional columns the export lacks make their indicators not computable, with the reason.
    assert "statutory_days" in result.absent_columns
    speed = result.indicator("speed_up_rate")
    assert speed.value is None and "statutory_days" in speed.reason.en
    assert "promised_days" in result.indicator("abnormal_cases").note.en


def test_mapping_file_is_validated(tmp_path, cases_csv):
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("columns:\n  case_number: 办件编号\n", encoding="utf-8")
    with pytest.raises(InvalidInputError) as caught:
        compute(cases_csv, mapping=mapping)
    assert "mapping.yaml:2" in str(caught.value) and "columns.case_number" in str(caught.value)


def test_missing_columns_are_listed_expected_against_found(tmp_path):
    export = tmp_path / "export.csv"
    export.write_text("办件编号,centre_id,department,window,channel,completed_at,备注\n", "utf-8")
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("columns: {case_id: 办件编号, accepted_at: 受理时间}\n", encoding="utf-8")
    with pytest.raises(GbstdError) as caught:
        compute(export, mapping=mapping)
    zh, en = caught.value.render("zh"), caught.value.render("en")
    assert "缺少必需的列：accepted_at（受理时间）, status" in zh
    assert "case_id ← 办件编号" in zh and "备注" in zh
    assert "missing required columns: accepted_at（受理时间）, status" in en
    assert "required: case_id, centre_id, department, window, channel" in en


def test_profile_weights_change_the_ranking(tmp_path):
    rows = [
        # W1: on time but dissatisfied; W2: late (9 working days > 5) but very satisfied.
        {"case_id": "A", "window": "W1", "satisfaction": "不满意"},
        {
            "case_id": "B",
            "window": "W2",
            "completed_at": "2026-03-13 09:00",
            "satisfaction": "满意",
        },
    ]
    path = write_cases(tmp_path / "two.csv", rows)
    timely = tmp_path / "timely.yaml"
    timely.write_text(PROFILE.format(on_time=3, satisfaction=1), encoding="utf-8")
    pleasing = tmp_path / "pleasing.yaml"
    pleasing.write_text(PROFILE.format(on_time=1, satisfaction=3), encoding="utf-8")
    first = compute(path, profile=timely).ranking
    second = compute(path, profile=pleasing).ranking
    assert [(w.window, w.rank, w.score) for w in first] == [("W1", 1, 75.0), ("W2", 2, 25.0)]
    assert [(w.window, w.rank, w.score) for w in second] == [("W2", 1, 75.0), ("W1", 2, 25.0)]
    assert dict(first[0].points) == {"satisfaction_rate": 0.0, "on_time_rate": 100.0}


def test_default_profile_leaves_small_windows_unranked(cases_csv):
    result = compute(cases_csv)
    assert result.profile.ranking.min_cases == 30
    assert all(w.rank is None and w.score is not None for w in result.ranking)


def test_profile_is_strict(tmp_path, cases_csv):
    bad = tmp_path / "kpi.yaml"
    bad.write_text(
        PROFILE.format(on_time=1, satisfaction=1).replace("on_time_rate:", "ontime_rate:"),
        encoding="utf-8",
    )
    with pytest.raises(InvalidInputError) as caught:
        compute(cases_csv, profile=bad)
    assert "scoring.ontime_rate" in str(caught.value)


def test_scoring_scales_interpolate_or_step():
    rising = Scoring(
        weight=1, scale=(Breakpoint(value=0.8, points=0), Breakpoint(value=1, points=100))
    )
    assert [rising.points(v) for v in (0.5, 0.8, 0.9, 1.0, 1.2)] == pytest.approx(
        [0, 0, 50, 100, 100]
    )
    falling = Scoring(
        weight=1,
        step=True,
        scale=(
            Breakpoint(value=0, points=100),
            Breakpoint(value=0.01, points=60),
            Breakpoint(value=0.05, points=0),
        ),
    )
    assert [falling.points(v) for v in (0, 0.005, 0.01, 0.03, 0.2)] == [100, 100, 60, 60, 0]
    with pytest.raises(ValueError, match="must increase"):
        Scoring(weight=1, scale=(Breakpoint(value=1, points=0), Breakpoint(value=0.5, points=9)))


def test_the_bundled_profile_loads_and_says_it_is_the_toolkits_own():
    profile = load_kpi_profile()
    assert "非 GB/T 32169.4 规定" in profile.note.zh
    assert [g.value for g in profile.satisfied_grades] == [
        "very_satisfied",
        "satisfied",
        "basically_satisfied",
    ]
    assert sum(s.weight for _, s in profile.weighted()) == 100


def test_bad_data_is_counted_sampled_and_kept_out_of_time_indicators(tmp_path):
    rows = [{"case_id": f"T{n}", "accepted_at": f"2026-13-{n:02d} 09:00"} for n in range(1, 13)]
    rows += [
        {"case_id": "NEG", "accepted_at": "2026-03-05 10:00", "completed_at": "2026-03-04 10:00"},
        {"case_id": "DAYS", "promised_days": "-2", "statutory_days": "abc"},
        {"case_id": "DUP", "channel": "post", "status": "archived", "satisfaction": "一般"},
        {"case_id": "DUP"},
        {"case_id": "DUP", "on_the_spot": "maybe"},
        {"case_id": "DUP", "centre_id": "C2"},  # same id at another centre: a different case
        {"case_id": "", "completed_at": "soon"},
    ]
    result = compute(write_cases(tmp_path / "bad.csv", rows))
    issues = {i.key: i for i in result.issues}
    assert issues["unparsable_accepted_at"].rows == 12
    samples = issues["unparsable_accepted_at"].samples
    assert [s.row for s in samples] == list(range(1, 11))  # ten examples, in file order
    assert samples[0].value == "2026-13-01 09:00"
    assert issues["completed_before_accepted"].samples[0].case_id == "NEG"
    assert issues["negative_days"].samples[0].value == "promised_days=-2.0"
    assert issues["unparsable_number"].samples[0].value == "statutory_days=abc"
    assert issues["duplicate_case_id"].rows == 2
    assert [(s.row, s.value) for s in issues["duplicate_case_id"].samples] == [
        (16, "previous_row=15"),
        (17, "previous_row=16"),
    ]
    assert issues["unknown_channel"].samples[0].value == "post"
    assert issues["unknown_status"].samples[0].value == "archived"
    assert issues["unknown_satisfaction"].samples[0].value == "一般"
    assert issues["unparsable_boolean"].samples[0].value == "on_the_spot=maybe"
    assert issues["unparsable_completed_at"].samples[0].value == "soon"
    assert issues["missing_case_id"].rows == 1
    # Nothing is dropped silently: 19 rows read, 2 duplicate rows left out, the rest counted.
    assert (result.rows, result.cases) == (19, 17)
    assert result.indicator("on_the_spot_rate").denominator == 17
    # Bad timestamps and the negative duration only leave the time-based indicators.
    assert result.time_excluded == 12 + 1 + 1
    assert result.indicator("on_time_rate").excluded == 12 + 1 + 1 + 1  # … and promised -2
    assert result.indicator("online_acceptance_rate").excluded == 1
    assert dict(result.abnormal.by_kind)["completed_before_accepted"] == 1


def test_unknown_file_format_is_a_usage_error(tmp_path):
    path = tmp_path / "cases.json"
    path.write_text("[]", encoding="utf-8")
    with pytest.raises(UsageError):
        compute(path)


def test_unknown_grouping_is_a_usage_error(cases_csv):
    with pytest.raises(UsageError):
        compute(cases_csv, by="floor")


def test_malformed_csv_line_stops_with_its_line(tmp_path):
    path = write_cases(tmp_path / "cases.csv", CASES[:2])
    with path.open("a", encoding="utf-8", newline="") as handle:
        handle.write("K9,C1,too,few\r\n")
    with pytest.raises(GbstdError) as caught:
        compute(path)
    assert "Line: 4" in str(caught.value) and "Found: 4" in str(caught.value)


def test_grouping_by_department_and_month(cases_csv):
    by_department = compute(cases_csv, by="department")
    assert [(g.label, g.cases) for g in by_department.groups] == [
        ("C1 / 人社局", 1),
        ("C1 / 市场监管局", 6),
    ]
    by_month = compute(cases_csv, by="month")
    assert [(g.key, g.cases) for g in by_month.groups] == [((("month", "2026-03"),), 7)]
    assert by_month.groups[0].indicator("on_time_rate").value == pytest.approx(3 / 4)


def _same_figures(left, right):
    for a, b in zip(left.overall, right.overall, strict=True):
        assert (a.key, a.numerator, a.denominator) == (
            b.key,
            pytest.approx(b.numerator),
            b.denominator,
        )
    assert left.abnormal.total == right.abnormal.total


def test_xlsx_input_gives_the_same_figures(cases_csv, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in CASES:
        full = {**DEFAULTS, **row}
        values = []
        for name in HEADER:
            value = full[name]
            if name.endswith("_at") and value:
                value = dt.datetime.fromisoformat(value)
            elif name.endswith("_days") and value:
                value = int(value)
            values.append(value or None)
        sheet.append(values)
    path = tmp_path / "cases.xlsx"
    workbook.save(path)
    result = compute(path)
    assert result.source_format == "xlsx"
    _same_figures(result, compute(cases_csv))


def test_parquet_input_with_native_types_gives_the_same_figures(cases_csv, tmp_path):
    path = tmp_path / "cases.parquet"
    booleans = [n for n in HEADER if n in {"on_the_spot", "joint_required", "joint_handled"}]
    casts = ", ".join(
        f"CAST(CASE lower({n}) WHEN '是' THEN 'true' WHEN '否' THEN 'false' WHEN 'y' THEN 'true'"
        f" WHEN 'n' THEN 'false' ELSE NULL END AS BOOLEAN) AS {n}"
        for n in booleans
    )
    with duckdb.connect() as con:
        con.execute(
            f"COPY (SELECT * REPLACE (CAST(accepted_at AS TIMESTAMP) AS accepted_at, "
            f"CAST(completed_at AS TIMESTAMP) AS completed_at, "
            f"CAST(statutory_days AS INTEGER) AS statutory_days, {casts}) "
            f"FROM read_csv('{cases_csv}', all_varchar = true)) TO '{path}' (FORMAT parquet)"
        )
    result = compute(path)
    assert result.source_format == "parquet"
    _same_figures(result, compute(cases_csv))


def test_indicators_dict_feeds_the_self_description(cases_csv):
    data = compute(cases_csv).to_indicators_dict()
    indicators = Indicators.model_validate(data)
    assert indicators.source == "computed"
    assert indicators.counts_retained is True
    assert indicators.abnormal_cases == 4
    assert indicators.on_time_rate == pytest.approx(0.75)
    assert indicators.entry_implementation_rate is None  # not invented without a matters file
    assert indicators.period_start == dt.date(2026, 3, 2)


def test_terminal_view_fits_80_columns(cases_csv):
    console = Console(width=80, record=True)
    console.print(render(compute(cases_csv, by="window"), "zh"))
    text = console.export_text()
    assert "现场办结率" in text and "按窗口" in text
    assert "不是 GB/T 32169.4" in text  # the note that the formulas are the toolkit's own
    assert all(len(line) <= 80 for line in text.splitlines())


def test_workbook_sheets_and_formula_safety(tmp_path):
    rows = [*CASES, {"case_id": '=HYPERLINK("http://x")', "outside_system": "是"}]
    result = compute(write_cases(tmp_path / "cases.csv", rows))
    path = tmp_path / "kpi.xlsx"
    build(result, "zh").save(path)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["概览", "窗口排名", "异常办理", "数据问题"]
    abnormal = workbook["异常办理"]
    cell = next(c for c in abnormal["B"] if str(c.value).startswith("=HYPERLINK"))
    assert cell.data_type == "s"
    overview = [c.value for row in workbook["概览"].iter_rows() for c in row]
    assert "事项进驻落实率" in overview


def test_json_golden(tmp_path, golden):
    matters = tmp_path / "matters.csv"
    matters.write_text("matter,should_enter,entered\n营业执照,是,是\n社保登记,是,否\n", "utf-8")
    rows = [*CASES, {**CASES[6], "status": "撤回"}]  # K7 again: a duplicate row
    path = write_cases(tmp_path / "cases.csv", rows, bom=True)
    # As of the last acceptance date (the default), given so that the plausible window does not
    # depend on the day the test runs.
    result = compute(path, by="window", matters=matters, as_of=dt.date(2026, 3, 20))
    data = to_data(result, "zh")
    data["tool"]["version"] = "X"
    assert data["indicators"]["on_the_spot_rate"]["term"] == "现场办结率"
    assert "默认值" in data["note"]
    golden(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "kpi-cases.json")


def test_words_are_read_whatever_their_case(tmp_path):
    rows = [
        {"case_id": "U1", "channel": "ONLINE", "status": "Completed", "satisfaction": "Satisfied"},
        {"case_id": "U2", "channel": "网上", "status": "办结", "satisfaction": "非常满意"},
        {"case_id": "U3", "channel": "Onsite", "status": "COMPLETED", "satisfaction": "一般"},
    ]
    result = compute(write_cases(tmp_path / "words.csv", rows))
    assert result.indicator("online_acceptance_rate").numerator == 2
    assert result.indicator("online_acceptance_rate").denominator == 3
    assert result.indicator("satisfaction_rate").denominator == 2  # 一般 is not a grade
    assert {i.key for i in result.issues} == {"unknown_satisfaction"}


def test_ids_that_share_a_hash_are_not_duplicates(tmp_path):
    """Duplicates are found by sorting 31-bit hashes: among 300,000 distinct ids some share one
    (about 21 pairs expected, and the test checks there are some), yet none is reported."""
    path = tmp_path / "many.parquet"
    with duckdb.connect() as con:
        con.execute(
            "COPY (SELECT 'K' || CAST(i AS VARCHAR) AS case_id, 'C' || CAST(i % 7 AS VARCHAR)"
            " AS centre_id, 'D1' AS department, 'W1' AS \"window\", 'onsite' AS channel,"
            " TIMESTAMP '2026-03-02 09:00' AS accepted_at,"
            " 'completed' AS status, TIMESTAMP '2026-03-02 10:00' AS completed_at"
            f" FROM range(300000) AS t(i)) TO '{path}' (FORMAT parquet)"
        )
        shared = con.execute(
            "SELECT COUNT(*) - COUNT(DISTINCT CAST(HASH(case_id, centre_id) % 2147483647"
            f" AS INTEGER)) FROM '{path}'"
        ).fetchone()[0]
    assert shared > 0  # the second, exact step really had work to do
    result = compute(path)
    assert "duplicate_case_id" not in {i.key for i in result.issues}
    assert result.cases == 300_000


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_narrowing_to_flag_candidates_loses_no_flagged_row(tmp_path, monkeypatch, seed):
    """flag_candidates only saves work: with it or with every row, the output is the same."""
    from gbstd.sample.cases import write_cases as write_sample_cases

    sample = tmp_path / "sample.csv"
    write_sample_cases(20_000, sample, seed=seed, centres=3)
    mixed = write_cases(
        tmp_path / "mixed.csv",
        [
            *CASES,
            {**CASES[6], "status": "撤回"},  # a duplicate
            {"case_id": "NEG", "completed_at": "2026-03-01 09:00"},  # completed before accepted
            {"case_id": "LATE", "status": "办理中", "completed_at": ""},  # open since March
            {"case_id": "BAD", "promised_days": "-2", "channel": "post", "on_the_spot": "maybe"},
        ],
    )
    sql = queries.statements()
    every_row = {
        **sql,
        "flag_candidates": "CREATE OR REPLACE VIEW fact_rows AS SELECT * FROM cases",
    }
    for path, as_of in (
        (sample, None),
        (sample, dt.date(2026, 12, 31)),
        (mixed, dt.date(2026, 6, 1)),
    ):
        narrowed = to_data(compute(path, by="window", as_of=as_of, list_limit=100_000), "en")
        monkeypatch.setattr(queries, "statements", lambda: every_row)
        whole = to_data(compute(path, by="window", as_of=as_of, list_limit=100_000), "en")
        monkeypatch.undo()
        assert narrowed == whole
        assert narrowed["abnormal"]["cases"]  # there were flagged rows to lose


BAD_ROWS = [
    {"case_id": "T1", "accepted_at": "2026-13-01 09:00"},
    {"case_id": "NEG", "accepted_at": "2026-03-05 10:00", "completed_at": "2026-03-04 10:00"},
    {"case_id": "DAYS", "promised_days": "-2", "statutory_days": "abc"},
    {"case_id": "DUP", "channel": "post", "status": "archived", "satisfaction": "一般"},
    {"case_id": "DUP", "on_the_spot": "maybe"},
    {"case_id": "", "completed_at": "soon"},
    {"case_id": "OPEN", "status": "completed", "completed_at": ""},
    {"case_id": "NOTIME", "accepted_at": ""},
    {"case_id": "FAR", "accepted_at": "0001-01-01 09:00", "completed_at": "2099-01-01 09:00"},
    {"case_id": "LATER", "status": "completed", "completed_at": "2099-01-01 09:00"},
]


def _spread_bad_rows(tmp_path, suffix):
    """2,000 sample cases with every kind of data problem at the start, the middle and the end
    (the last row is the only unreadable status), as CSV or as all-text Parquet."""
    from gbstd.sample.cases import write_cases as write_sample_cases

    sample = tmp_path / "sample.csv"
    write_sample_cases(2_000, sample, seed=5, centres=2)
    with sample.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[3:3] = BAD_ROWS
    rows[1000:1000] = BAD_ROWS
    rows += [*BAD_ROWS, {"case_id": "LAST", "status": "lost"}]
    path = write_cases(tmp_path / "spread.csv", rows)
    if suffix == ".csv":
        return path
    parquet = tmp_path / "spread.parquet"
    with duckdb.connect() as con:
        con.execute(
            f"COPY (SELECT * FROM read_csv('{path}', all_varchar = true)) TO '{parquet}' "
            "(FORMAT parquet, ROW_GROUP_SIZE 512)"
        )
    return parquet


def _record_ranges(monkeypatch, *, first_range):
    """Make the first range ``first_range`` rows long; return the list of (first, last) row
    ranges ``cases`` is then narrowed to, in order."""

    ranges = []
    show_rows = staging.show_rows

    def recording(con, path, *, text_source, first=1, last=None):
        ranges.append((first, last))
        show_rows(con, path, text_source=text_source, first=first, last=last)

    monkeypatch.setattr(figures, "FIRST_RANGE", first_range)
    monkeypatch.setattr(staging, "show_rows", recording)
    return ranges


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
@pytest.mark.parametrize("list_limit", [3, 100_000])
def test_flagged_rows_collected_range_by_range_are_those_of_one_pass(
    tmp_path, monkeypatch, suffix, list_limit
):
    """The abnormal list and the data problems' examples are collected over growing ranges of
    rows, stopping once every list is full: however small the first range, the output is that
    of one pass over all rows, and the counts are those of the whole file."""

    path = _spread_bad_rows(tmp_path, suffix)
    monkeypatch.setattr(figures, "FIRST_RANGE", 10**9)
    whole = to_data(compute(path, by="window", list_limit=list_limit), "en")
    ranges = _record_ranges(monkeypatch, first_range=7)
    ranged = to_data(compute(path, by="window", list_limit=list_limit), "en")
    assert ranged == whole
    issues = {i["issue"]: i for i in whole["data_issues"]}
    assert issues["unknown_status"]["rows"] == 4  # three DUP rows and the last one
    assert issues["unknown_status"]["samples"][-1]["case_id"] == "LAST"
    # The ranges were used: consecutive, each 4× the last, and the whole file shown again after.
    scanned = ranges[1:-1]  # the first call made the view; the last restores it
    assert scanned[0] == (1, 7) and scanned[1] == (8, 35) and ranges[-1] == (1, None)
    assert all(b[0] == a[1] + 1 for a, b in pairwise(scanned) if a[1])
    # The last row holds the only example not yet seen, so the file is read to its end.
    assert scanned[-1][1] is None


def test_ranges_stop_once_the_lists_are_full(tmp_path, monkeypatch):
    """A large file whose problems all lie near its start is not read to its end for them."""
    rows = [*BAD_ROWS, *([{"case_id": f"OK{n}"} for n in range(200)])]
    path = write_cases(tmp_path / "early.csv", rows)
    shown = _record_ranges(monkeypatch, first_range=4)
    result = compute(path, list_limit=1)
    # Rows 1–4 hold one abnormal case (NEG); rows 5–20 the rest of the bad rows: then it stops.
    assert shown[1:] == [(1, 4), (5, 20), (1, None)]
    assert {i.key: i.rows for i in result.issues}["duplicate_case_id"] == 1
    assert [c.case_id for c in result.abnormal.cases] == ["NEG"]


def test_issue_counts_use_the_conditions_of_the_listed_rows(tmp_path, monkeypatch):
    """issue_counts (summed in window_figures) and issue_rows (the examples) state each data
    problem's condition twice: over every row they must agree."""

    path = _spread_bad_rows(tmp_path, ".csv")
    issues = figures.data_issues
    seen = {}

    def compare(con, counts, *details):
        seen.update(counts)
        assert dict(con.execute(queries.statements()["issues_collected"]).fetchall()) == counts
        return issues(con, counts, *details)

    monkeypatch.setattr(figures, "FIRST_RANGE", 10**9)
    monkeypatch.setattr(figures, "data_issues", compare)
    compute(path)
    assert set(seen) == set(indicators.ISSUES)  # every kind of problem was there to compare
