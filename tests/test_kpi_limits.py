"""The indicators at their edges: a limit reached exactly, same-day promises, withdrawn cases,
complaints without an outcome, open cases, and the ranking's minimum and ties (issue 19).

2026-03-02 is a Monday; March 2026 has no holidays, so working days are Monday to Friday.
"""

import datetime as dt

from test_kpi import PROFILE, write_cases

from gbstd.kpi import compute


def one(tmp_path, **row):
    return compute(write_cases(tmp_path / "cases.csv", [{"case_id": "X", **row}]))


def test_a_case_finished_exactly_at_its_promised_limit_is_on_time(tmp_path):
    # Accepted Monday 2 March; five working days later is Monday 9 March.
    result = one(tmp_path, completed_at="2026-03-09 16:00", promised_days="5")
    assert result.indicator("on_time_rate").value == 1
    assert result.indicator("abnormal_cases").value == 0 and result.abnormal.cases == ()


def test_one_working_day_past_the_promised_limit_is_overdue(tmp_path):
    result = one(tmp_path, completed_at="2026-03-10 16:00", promised_days="5")
    assert result.indicator("on_time_rate").value == 0
    (case,) = result.abnormal.cases
    assert case.kinds == ("overdue",) and case.elapsed_days == 6


def test_a_same_day_promise_counts_in_the_on_time_rate(tmp_path):
    result = one(tmp_path, completed_at="2026-03-02 15:00", promised_days="0")
    rate = result.indicator("on_time_rate")
    assert (rate.numerator, rate.denominator) == (1, 1)


def test_a_withdrawn_case_past_its_limit_is_never_overdue(tmp_path):
    result = one(tmp_path, status="withdrawn", completed_at="2026-03-20 09:00", promised_days="1")
    assert result.indicator("abnormal_cases").value == 0 and result.abnormal.cases == ()


def test_an_open_case_is_judged_by_the_working_days_up_to_the_as_of_date(tmp_path):
    path = write_cases(
        tmp_path / "open.csv",
        [{"case_id": "X", "status": "in_progress", "completed_at": "", "promised_days": "4"}],
    )
    # As of Monday 9 March: five working days since acceptance, one more than promised.
    (case,) = compute(path, as_of=dt.date(2026, 3, 9)).abnormal.cases
    assert case.kinds == ("overdue",) and case.elapsed_days == 5
    # As of Friday 6 March: four working days, exactly the promise: not overdue.
    assert compute(path, as_of=dt.date(2026, 3, 6)).abnormal.cases == ()


def test_a_valid_complaint_without_an_outcome_is_not_in_the_satisfaction_denominator(tmp_path):
    rows = [
        {"case_id": "A", "complaint": "是", "complaint_valid": "是", "complaint_accepted": "是"},
        {"case_id": "B", "complaint": "是", "complaint_valid": "是", "complaint_accepted": ""},
    ]
    result = compute(write_cases(tmp_path / "complaints.csv", rows))
    rate = result.indicator("complaint_satisfaction_rate")
    assert (rate.numerator, rate.denominator) == (1, 1)
    assert result.indicator("complaint_rate").numerator == 2


def test_a_case_without_a_channel_is_left_out_of_the_online_rate(tmp_path):
    rows = [
        {"case_id": "A", "channel": "online"},
        {"case_id": "B", "channel": ""},
    ]
    rate = compute(write_cases(tmp_path / "channels.csv", rows)).indicator("online_acceptance_rate")
    assert (rate.numerator, rate.denominator, rate.excluded) == (1, 1, 1)


def ranking(tmp_path, rows, min_cases):
    profile = tmp_path / "profile.yaml"
    text = PROFILE.format(on_time=1, satisfaction=1)
    profile.write_text(text.replace("min_cases: 1", f"min_cases: {min_cases}"), "utf-8")
    path = write_cases(tmp_path / "ranked.csv", rows)
    return {w.window: w.rank for w in compute(path, profile=profile).ranking}


def test_a_window_with_exactly_the_minimum_number_of_cases_is_ranked(tmp_path):
    rows = [
        {"case_id": "A", "window": "W1", "satisfaction": "满意"},
        {"case_id": "B", "window": "W1", "satisfaction": "满意"},
        {"case_id": "C", "window": "W2", "satisfaction": "满意"},
    ]
    assert ranking(tmp_path, rows, 2) == {"W1": 1, "W2": None}


def test_windows_with_equal_scores_share_a_rank(tmp_path):
    rows = [
        {"case_id": "A", "window": "W1", "satisfaction": "满意"},
        {"case_id": "B", "window": "W2", "satisfaction": "满意"},
        {"case_id": "C", "window": "W3", "satisfaction": "不满意"},
    ]
    assert ranking(tmp_path, rows, 1) == {"W1": 1, "W2": 1, "W3": 3}
