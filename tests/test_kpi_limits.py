"""Indicators at their edges not pinned in test_kpi_figures.py: a case without a channel, and
the window ranking's minimum number of cases and its ties (issue 19)."""

from test_kpi import PROFILE, write_cases

from gbstd.kpi.compute import compute


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
