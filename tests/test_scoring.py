"""The scoring method at its edges: band minimums, the coverage threshold, waivers, permissions
under the equal roll-up, the overall mean and a shall requirement an auditor calls 'not adopted'.
"""

import pytest
from test_verdicts import db98_pack, organisation, run98

from gbstd.assessment.results import Status, status_for_level
from gbstd.assessment.run import prepare
from gbstd.assessment.scoring import INSUFFICIENT_DATA, load_profile, overall_score
from gbstd.io.bundled import data_dir


@pytest.fixture(scope="module")
def profile():
    return load_profile()


def test_a_score_exactly_at_a_bands_minimum_earns_that_band(profile):
    for band, below in zip(profile.grades, profile.grades[1:], strict=False):
        assert profile.grade(band.min, capped=False).id == band.id
        assert profile.grade(band.min - 0.01, capped=False).id == below.id


def test_coverage_exactly_at_the_threshold_is_graded(profile):
    threshold = profile.coverage_threshold
    assert profile.grade(95.0, capped=False, coverage=threshold).id == "excellent"
    assert profile.grade(95.0, capped=False, coverage=threshold - 0.001).id == INSUFFICIENT_DATA


def test_the_overall_score_is_the_mean_or_the_weighted_mean_as_the_profile_says(profile):
    standards = [(100.0, 1.0), (0.0, 3.0)]
    assert profile.overall == "equal"
    assert overall_score(standards, profile) == pytest.approx(50)
    weighted = profile.model_copy(update={"overall": "weighted"})
    assert overall_score(standards, weighted) == pytest.approx(25)


def test_an_auditors_not_adopted_on_a_shall_or_should_requirement_is_simply_not_met():
    assert status_for_level("shall", Status.NOT_ADOPTED) == Status.NONCONFORMING
    assert status_for_level("should", Status.NOT_ADOPTED) == Status.NONCONFORMING
    assert status_for_level("may", Status.NONCONFORMING) == Status.NOT_ADOPTED


def profile_file(tmp_path, old, new):
    text = (data_dir("profiles") / "scoring.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "scoring.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


WAIVER = {
    "requirement": "4.2",
    "reason": "整改中",
    "approver": "张主任",
    "expires": "2026-12-31",
}


def test_a_waived_nonconformity_is_left_out_of_the_score_unless_the_profile_says_otherwise(
    tmp_path,
):
    pack, checks = db98_pack(tmp_path)
    facts = organisation(responsibilities_documented=True) | {"waivers": [WAIVER]}
    report, results = run98(prepare([pack], [checks]), tmp_path, facts)
    assert results["4.2"].status == Status.NONCONFORMING and results["4.2"].waived
    assert report.score == pytest.approx(100)  # left out, as if it did not apply
    as_status = profile_file(tmp_path, "waived: exclude", "waived: as_status")
    report, _ = run98(prepare([pack], [checks], as_status), tmp_path, facts)
    assert report.score == pytest.approx(7.5 / 8.5 * 100)  # 4.2 scored 0 at weight 1


def test_a_permission_taken_up_earns_nothing_under_the_equal_roll_up(tmp_path):
    pack, checks = db98_pack(tmp_path)
    equal = profile_file(tmp_path, "rollup: weighted", "rollup: equal")
    # 4.3 (shall) not met, 4.10 (may) taken up: the mean of the eight shall and one should.
    report, results = run98(
        prepare([pack], [checks], equal), tmp_path, organisation(internal_units_defined=True)
    )
    assert results["4.10"].status == Status.CONFORMING
    assert report.score == pytest.approx(8 / 9 * 100)
