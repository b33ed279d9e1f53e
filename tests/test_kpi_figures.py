"""Figures of `gbstd kpi` an auditor relies on: limits at their boundaries, denominators, bad
numbers and dates, absent columns. Each test pins one rule of docs/kpi.md; the planted bug that
it catches is named in its docstring."""

import datetime as dt
import json

import duckdb
import pytest
from rich.console import Console
from test_kpi import CASES, HEADER, write_cases

from gbstd.cli import app
from gbstd.errors import ExitCode, InvalidInputError
from gbstd.kpi.compute import compute
from gbstd.reports.kpi import render, to_data, to_json

# 2026-03-02 is a Monday and March 2026 has no holiday: from Monday 09:00, Thursday is 3 working
# days later and Friday 4 (calendar days equal working days, so no weekend hides a boundary).
MONDAY, THURSDAY, FRIDAY = "2026-03-02 09:00", "2026-03-05 16:00", "2026-03-06 16:00"


def one_case(tmp_path, name="one.csv", header=HEADER, **values):
    return write_cases(tmp_path / name, [{"case_id": "X", "accepted_at": MONDAY, **values}], header)


def overdue_figures(result):
    """(abnormal count, overdue count, listed case ids, on-time numerator, denominator)."""
    on_time = result.indicator("on_time_rate")
    return (
        result.abnormal.total,
        dict(result.abnormal.by_kind)["overdue"],
        [c.case_id for c in result.abnormal.cases],
        on_time.numerator,
        on_time.denominator,
    )


def strict_json(text):
    def refuse(constant):
        raise ValueError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


# --- overdue at the boundary (issue 19 item 3; issue 14 section 6) --------------------------


@pytest.mark.parametrize(
    ("limits", "label"),
    [
        ({"promised_days": "3", "statutory_days": "20"}, "promised"),
        ({"promised_days": "", "statutory_days": "3"}, "statutory, no promise"),
        ({"promised_days": "10", "statutory_days": "3"}, "statutory below the promise"),
    ],
)
def test_a_case_is_on_time_at_its_limit_and_overdue_one_working_day_later(tmp_path, limits, label):
    """Planted bugs: `>` → `>=` in facts.overdue (either limit); the statutory limit left out of
    the overdue test (a blank promise hid a statutory overrun); flag_candidates narrowed (its
    calendar-day comparisons `> limit + tolerance` made `> limit + tolerance + 1`: the late
    case leaves the list). There `>` → `>=` only widens the candidates, which flagged_rows
    judges again: an equivalent mutant, invisible in the output."""
    at_limit = compute(one_case(tmp_path, completed_at=THURSDAY, **limits))
    assert overdue_figures(at_limit) == (0, 0, [], 1, 1), label
    late = compute(one_case(tmp_path, completed_at=FRIDAY, **limits))
    assert overdue_figures(late) == (1, 1, ["X"], 0, 1), label
    assert late.abnormal.cases[0].kinds == ("overdue",)
    assert late.abnormal.cases[0].elapsed_days == 4


@pytest.mark.parametrize(
    "limits", [{"promised_days": "3"}, {"promised_days": "", "statutory_days": "3"}]
)
def test_an_open_case_is_judged_at_the_as_of_date_by_the_same_rule(tmp_path, limits):
    path = one_case(tmp_path, status="in_progress", completed_at="", **limits)
    assert compute(path, as_of=dt.date(2026, 3, 5)).abnormal.total == 0
    late = compute(path, as_of=dt.date(2026, 3, 6))
    assert [(c.case_id, c.kinds) for c in late.abnormal.cases] == [("X", ("overdue",))]


def test_the_tolerance_applies_to_both_limits(tmp_path):
    profile = tmp_path / "kpi.yaml"
    profile.write_text(
        "format_version: 1\nname: t\nnote: t\nsatisfied_grades: [满意]\n"
        "overdue_tolerance_days: 1\nscoring: {}\n",
        encoding="utf-8",
    )
    for limits in ({"promised_days": "3"}, {"promised_days": "", "statutory_days": "3"}):
        path = one_case(tmp_path, completed_at=FRIDAY, **limits)
        assert compute(path, profile=profile).abnormal.total == 0


def test_same_day_promises_stay_in_the_on_time_denominator(tmp_path):
    """Planted bug: `promised_days >= 0` → `> 0` in on_time_case (or in facts.overdue)."""
    same_day = compute(
        one_case(tmp_path, promised_days="0", statutory_days="", completed_at="2026-03-02 11:00")
    )
    assert overdue_figures(same_day) == (0, 0, [], 1, 1)
    next_day = compute(
        one_case(tmp_path, promised_days="0", statutory_days="", completed_at="2026-03-03 11:00")
    )
    assert overdue_figures(next_day) == (1, 1, ["X"], 0, 1)


def test_withdrawn_cases_past_both_limits_are_not_overdue(tmp_path):
    """Planted bug: the `status <> 'withdrawn'` condition dropped from facts.overdue."""
    rows = [
        {
            "case_id": "W1",
            "status": "withdrawn",
            "accepted_at": MONDAY,
            "completed_at": "2026-03-27 09:00",
            "promised_days": "3",
            "statutory_days": "5",
        },
        {
            "case_id": "W2",
            "status": "撤回",
            "accepted_at": MONDAY,
            "completed_at": "2026-03-27 09:00",
            "promised_days": "",
            "statutory_days": "5",
        },
    ]
    result = compute(write_cases(tmp_path / "w.csv", rows))
    assert result.abnormal.total == 0 and dict(result.abnormal.by_kind)["overdue"] == 0
    assert result.indicator("on_time_rate").denominator == 0


# --- denominators (issue 14 section 6; issue 19 item 5) --------------------------------------


def test_on_the_spot_rate_counts_accepted_cases_only(tmp_path):
    """现场办结率 = cases completed on the spot ÷ cases accepted: refused cases (不予受理) are
    not accepted; withdrawn and open ones were."""
    rows = [
        {"case_id": "A", "on_the_spot": "是"},
        {"case_id": "B", "status": "refused", "refused_reason_given": "是"},
        {"case_id": "C", "status": "不予受理", "refused_reason_given": "是"},
        {"case_id": "D", "status": "withdrawn"},
        {"case_id": "E", "status": "in_progress", "completed_at": ""},
    ]
    spot = compute(write_cases(tmp_path / "s.csv", rows)).indicator("on_the_spot_rate")
    assert (spot.numerator, spot.denominator) == (1, 3)


def test_a_valid_complaint_without_an_outcome_is_not_in_the_satisfaction_denominator(tmp_path):
    """Planted bug: `complaint_accepted IS NOT NULL` dropped from the denominator."""
    rows = [
        {"case_id": "A", "complaint": "是", "complaint_valid": "是", "complaint_accepted": "是"},
        {"case_id": "B", "complaint": "是", "complaint_valid": "是", "complaint_accepted": ""},
        {"case_id": "C", "complaint": "是", "complaint_valid": "否", "complaint_accepted": "否"},
    ]
    result = compute(write_cases(tmp_path / "c.csv", rows))
    handled = result.indicator("complaint_satisfaction_rate")
    assert (handled.numerator, handled.denominator) == (1, 1)
    assert result.indicator("complaint_rate").numerator == 2


# --- absent optional columns (issue 13 item 7) -----------------------------------------------


def test_an_abnormal_situation_whose_column_is_absent_is_neither_checked_nor_counted(tmp_path):
    """Ten cases without a refused_reason_given column: three are abnormal (overdue, outside
    the system, completed before accepted); the refused one cannot be judged."""
    header = [c for c in HEADER if c != "refused_reason_given"]
    rows = [{"case_id": f"OK{n}"} for n in range(6)] + [
        {"case_id": "LATE", "completed_at": "2026-03-13 09:00"},
        {"case_id": "OUT", "outside_system": "是"},
        {"case_id": "NEG", "completed_at": "2026-03-01 09:00"},
        {"case_id": "REF", "status": "refused"},
    ]
    result = compute(write_cases(tmp_path / "ten.csv", rows, header))
    assert result.abnormal.total == 3
    assert result.indicator("abnormal_cases").value == 3
    assert result.abnormal.unchecked == ("refused_without_reason",)
    assert dict(result.abnormal.by_kind)["refused_without_reason"] == 0
    assert [c.case_id for c in result.abnormal.cases] == ["LATE", "OUT", "NEG"]
    assert "refused_reason_given" in result.indicator("abnormal_cases").note.en
    data = to_data(result, "zh")
    assert data["abnormal"]["by_kind"]["refused_without_reason"]["count"] is None
    assert data["abnormal"]["by_kind"]["overdue"]["count"] == 1
    console = Console(width=80, record=True)
    console.print(render(result, "zh"))
    assert "不予受理未说明理由 未检查" in console.export_text().replace("\n", "")
    # An empty cell in a present column still means "no reason recorded".
    present = compute(write_cases(tmp_path / "all.csv", rows))
    assert present.abnormal.total == 4 and present.abnormal.unchecked == ()


def test_overdue_is_checked_against_the_limit_that_is_present(tmp_path):
    """Without promised_days the statutory limit still decides overdue (and says so)."""
    header = [c for c in HEADER if c != "promised_days"]
    path = one_case(tmp_path, header=header, statutory_days="3", completed_at=FRIDAY)
    result = compute(path)
    assert result.abnormal.total == 1 and result.abnormal.unchecked == ()
    assert "promised_days" in result.indicator("abnormal_cases").note.en
    assert result.indicator("on_time_rate").value == 0
    header = [c for c in header if c != "statutory_days"]
    neither = compute(one_case(tmp_path, "n.csv", header=header, completed_at=FRIDAY))
    assert neither.abnormal.unchecked == ("overdue",)
    assert neither.indicator("on_time_rate").value is None


# --- non-finite numbers (issue 13 item 5) ----------------------------------------------------


def _late_cases_with(promised, statutory):
    """A late case (4 working days, promised 3) and a good one, with bad numbers in the third."""
    return [
        {"case_id": "LATE", "completed_at": FRIDAY, "promised_days": "3", "statutory_days": "20"},
        {"case_id": "GOOD", "completed_at": THURSDAY, "promised_days": "3", "statutory_days": "20"},
        {
            "case_id": "ODD",
            "completed_at": FRIDAY,
            "promised_days": promised,
            "statutory_days": statutory,
        },
    ]


@pytest.mark.parametrize(
    ("promised", "statutory"), [("nan", "20"), ("inf", "20"), ("3", "inf"), ("NaN", "-inf")]
)
def test_non_finite_days_in_csv_are_bad_data(tmp_path, promised, statutory):
    rows = _late_cases_with(promised, statutory)
    for row in rows:
        row["accepted_at"] = MONDAY
    result = compute(write_cases(tmp_path / "nan.csv", rows))
    issues = {i.key: i for i in result.issues}
    assert issues["unparsable_number"].rows == 1
    assert issues["unparsable_number"].samples[0].case_id == "ODD"
    sample = issues["unparsable_number"].samples[0].value.lower()
    assert "nan" in sample or "inf" in sample
    speed = result.indicator("speed_up_rate")
    on_time = result.indicator("on_time_rate")
    if statutory == "20":  # the promise is bad: judged against the statutory limit only
        assert (on_time.numerator, on_time.denominator) == (2, 3)
        assert (speed.denominator, speed.value) == (3, pytest.approx((16 + 17 + 16) / 60))
    else:
        assert speed.denominator == 2 and speed.value == pytest.approx((16 + 17) / 40)
    assert "LATE" in [c.case_id for c in result.abnormal.cases]
    data = strict_json(to_json(result, "en"))
    assert data["indicators"]["speed_up_rate"]["value"] is not None


def test_nan_and_infinity_in_parquet_are_bad_data(tmp_path):
    path = tmp_path / "nan.parquet"
    with duckdb.connect() as con:
        con.execute(
            "COPY (SELECT * FROM (VALUES "
            "('LATE', 3.0::DOUBLE, 20.0::DOUBLE), ('NAN', 'nan'::DOUBLE, 20.0::DOUBLE),"
            " ('INF', 3.0::DOUBLE, 'inf'::DOUBLE)) AS t(case_id, promised_days, statutory_days)"
            " CROSS JOIN (SELECT 'C1' AS centre_id, 'D' AS department, 'W1' AS \"window\","
            " 'onsite' AS channel, TIMESTAMP '2026-03-02 09:00' AS accepted_at,"
            " TIMESTAMP '2026-03-06 16:00' AS completed_at, 'completed' AS status))"
            f" TO '{path}' (FORMAT parquet)"
        )
    result = compute(path)
    issue = {i.key: i for i in result.issues}["unparsable_number"]
    assert issue.rows == 2
    assert [(s.case_id, s.value) for s in issue.samples] == [
        ("NAN", "promised_days=nan"),
        ("INF", "statutory_days=inf"),
    ]
    # Every case has a usable limit (NAN its statutory one, INF its promise); two have a
    # usable statutory limit for the speed-up rate.
    assert result.indicator("on_time_rate").denominator == 3
    assert result.indicator("speed_up_rate").denominator == 2
    strict_json(to_json(result, "zh"))


def test_json_output_is_always_valid_and_a_non_finite_profile_is_refused(runner, tmp_path):
    cases = write_cases(tmp_path / "cases.csv", _late_cases_with("inf", "inf"))
    done = runner.invoke(app, ["kpi", str(cases), "-f", "json"])
    assert done.exit_code == ExitCode.OK, done.output
    strict_json(done.stdout)
    profile = tmp_path / "kpi.yaml"
    for bad in ("overdue_tolerance_days: .inf", "overdue_tolerance_days: .nan"):
        profile.write_text(
            f"format_version: 1\nname: t\nnote: t\nsatisfied_grades: [满意]\n{bad}\n"
            "scoring:\n  on_time_rate:\n    weight: 1\n"
            "    scale: [{value: 0, points: 0}, {value: .nan, points: 100}]\n",
            encoding="utf-8",
        )
        with pytest.raises(InvalidInputError):
            compute(cases, profile=profile)


# --- implausible dates (issue 13 item 6) -----------------------------------------------------


def test_implausible_dates_are_counted_and_move_neither_the_as_of_date_nor_the_rates(tmp_path):
    base = compute(write_cases(tmp_path / "base.csv", CASES))
    odd = [
        {"case_id": "Y1", "accepted_at": "0001-01-01 09:00", "completed_at": "0001-01-02 09:00"},
        {"case_id": "Y2", "completed_at": "2099-03-02 09:00"},
        {
            "case_id": "Y3",
            "accepted_at": "2099-03-02 09:00",
            "status": "in_progress",
            "completed_at": "",
        },
        {"case_id": "Y4", "accepted_at": "1999-12-31 09:00", "completed_at": "2026-03-04 09:00"},
    ]
    result = compute(write_cases(tmp_path / "odd.csv", [*CASES, *odd]))
    assert result.as_of == base.as_of == dt.date(2026, 3, 20)
    assert (result.period_start, result.period_end) == (base.period_start, base.period_end)
    for key in ("speed_up_rate", "on_time_rate"):
        assert result.indicator(key).value == pytest.approx(base.indicator(key).value), key
    assert result.abnormal.total == base.abnormal.total
    assert result.time_excluded == 4
    issue = {i.key: i for i in result.issues}["implausible_date"]
    assert issue.rows == 4
    assert [(s.case_id, s.value) for s in issue.samples] == [
        ("Y1", "accepted_at=0001-01-01 09:00:00, completed_at=0001-01-02 09:00:00"),
        ("Y2", "completed_at=2099-03-02 09:00:00"),
        ("Y3", "accepted_at=2099-03-02 09:00:00"),
        ("Y4", "accepted_at=1999-12-31 09:00:00"),
    ]
    assert "2000-01-01" in issue.effect.zh and "本工具默认" in issue.effect.zh
    # Neither an implausible time is "missing" nor a completion without a time.
    assert {i.key for i in result.issues} == {"implausible_date"}
    by_month = compute(write_cases(tmp_path / "odd.csv", [*CASES, *odd]), by="month")
    assert [g.key for g in by_month.groups] == [(("month", "2026-03"),), (("month", None),)]
    data = to_data(result, "en")
    assert data["period"]["plausible"]["from"] == "2000-01-01"
    assert data["period"]["plausible"]["source"] == "toolkit default"


def test_the_plausible_window_ends_a_day_after_the_as_of_date_and_is_configurable(tmp_path):
    rows = [
        {"case_id": "A", "accepted_at": "2026-03-02 09:00", "completed_at": "2026-03-21 09:00"},
        {"case_id": "B", "accepted_at": "2026-03-03 09:00", "completed_at": "2026-03-22 09:00"},
    ]
    path = write_cases(tmp_path / "w.csv", rows)
    result = compute(path, as_of=dt.date(2026, 3, 20))
    issue = {i.key: i for i in result.issues}["implausible_date"]
    assert [s.case_id for s in issue.samples] == ["B"]
    profile = tmp_path / "kpi.yaml"
    profile.write_text(
        "format_version: 1\nname: t\nnote: t\nsatisfied_grades: [满意]\nscoring: {}\n"
        "plausible_dates: {earliest: 2026-03-03, days_after_as_of: 2}\n",
        encoding="utf-8",
    )
    result = compute(path, as_of=dt.date(2026, 3, 20), profile=profile)
    issue = {i.key: i for i in result.issues}["implausible_date"]
    assert [s.case_id for s in issue.samples] == ["A"]
    assert "本工具默认" not in issue.effect.zh and "2026-03-22" in issue.effect.zh
    assert to_data(result, "en")["period"]["plausible"]["source"] == "profile"


def test_without_an_as_of_date_the_run_date_bounds_the_window(tmp_path, monkeypatch):
    from gbstd.kpi import profile

    monkeypatch.setattr(profile, "_today", lambda: dt.date(2026, 3, 10))
    rows = [
        {"case_id": "A", "accepted_at": "2026-03-02 09:00", "completed_at": "2026-03-11 09:00"},
        {"case_id": "B", "accepted_at": "2026-03-05 09:00", "completed_at": "2026-03-12 09:00"},
    ]
    result = compute(write_cases(tmp_path / "w.csv", rows))
    assert result.as_of == dt.date(2026, 3, 5)  # the last acceptance, as before
    issue = {i.key: i for i in result.issues}["implausible_date"]
    assert [s.case_id for s in issue.samples] == ["B"]


def test_implausible_native_parquet_times_do_not_move_the_period(tmp_path):
    """Parquet's first and last dates come from its statistics: when they lie outside the
    window, the plausible ones are found row by row."""
    path = tmp_path / "times.parquet"
    with duckdb.connect() as con:
        con.execute(
            "COPY (SELECT * FROM (VALUES"
            " ('A', TIMESTAMP '2026-03-02 09:00', TIMESTAMP '2026-03-05 09:00'),"
            " ('B', TIMESTAMP '2026-03-04 09:00', TIMESTAMP '2099-03-05 09:00'),"
            " ('C', TIMESTAMP '1970-01-01 00:00', TIMESTAMP '2026-03-05 09:00'))"
            " AS t(case_id, accepted_at, completed_at)"
            " CROSS JOIN (SELECT 'C1' AS centre_id, 'D' AS department, 'W1' AS \"window\","
            " 'onsite' AS channel, 'completed' AS status, 3 AS promised_days))"
            f" TO '{path}' (FORMAT parquet)"
        )
    result = compute(path)
    assert (result.period_start, result.period_end, result.as_of) == (
        dt.date(2026, 3, 2),
        dt.date(2026, 3, 4),
        dt.date(2026, 3, 4),
    )
    assert result.calendar.end == dt.date(2026, 3, 5)
    issue = {i.key: i for i in result.issues}["implausible_date"]
    assert [(s.case_id, s.value) for s in issue.samples] == [
        ("B", "completed_at=2099-03-05 09:00:00"),
        ("C", "accepted_at=1970-01-01 00:00:00"),
    ]
    on_time = result.indicator("on_time_rate")
    assert (on_time.numerator, on_time.denominator, on_time.excluded) == (1, 1, 2)
