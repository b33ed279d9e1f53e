"""What some bundled checks mean, at their thresholds and for each operand (issue 19, item 8).

Each case states a check's facts and the verdict an auditor would expect: the value at a
threshold and one step below it, and each side of an ``&&``/``||`` on its own. They pin the
checks that ``scripts/mutation.py`` plants bugs in, which no golden of the examples tells apart.
"""

from datetime import date

import pytest

from gbstd.assessment.facts import fact_data
from gbstd.catalogue.checks import load_checks
from gbstd.catalogue.expressions import context

AS_OF = date(2026, 6, 30)


@pytest.fixture(scope="module")
def checks():
    return load_checks()


def verdict(checks, requirement: str, stated: dict) -> str:
    """The check's verdict on these facts: conforming, partial or nonconforming."""
    check = checks.by_requirement[requirement]
    data = context(fact_data(stated, AS_OF))
    if check.expect.evaluate(data):
        return "conforming"
    if check.partial is not None and check.partial.evaluate(data):
        return "partial"
    return "nonconforming"


CASES = [
    # 32169.1-6.R04: every window post has a registered person (registered ≥ posts).
    ("32169.1-6.R04", {"staff": {"window_staff": 8, "registered": 8}}, "conforming"),
    ("32169.1-6.R04", {"staff": {"window_staff": 8, "registered": 7}}, "partial"),
    ("32169.1-6.R04", {"staff": {"window_staff": 0, "registered": 3}}, "partial"),
    # 32169.1-4.R08: at least one guide.
    ("32169.1-4.R08", {"organisation": {"guide_staff": 1}}, "conforming"),
    ("32169.1-4.R08", {"organisation": {"guide_staff": 0}}, "nonconforming"),
    # 32169.1-5.R13: a low counter or a priority window, either is enough.
    (
        "32169.1-5.R13",
        {"premises": {"accessibility": {"low_counter": True, "priority_window": False}}},
        "conforming",
    ),
    (
        "32169.1-5.R13",
        {"premises": {"accessibility": {"low_counter": False, "priority_window": True}}},
        "conforming",
    ),
    (
        "32169.1-5.R13",
        {"premises": {"accessibility": {"low_counter": False, "priority_window": False}}},
        "nonconforming",
    ),
    # 32169.1-6.R13: a matter charging no fee needs no legal basis for one.
    ("32169.1-6.R13", {"matters": {"items": [{"fee_charged": False}]}}, "conforming"),
    (
        "32169.1-6.R13",
        {
            "matters": {
                "items": [{"fee_charged": True, "fee_legal_basis": True, "fee_published": True}]
            }
        },
        "conforming",
    ),
    (
        "32169.1-6.R13",
        {
            "matters": {
                "items": [{"fee_charged": True, "fee_legal_basis": True, "fee_published": False}]
            }
        },
        "partial",
    ),
    # 32169.1-7.R03: register kept, investigated and replied within the limit: all three.
    (
        "32169.1-7.R03",
        {
            "supervision": {
                "complaints": {
                    "register_kept": True,
                    "investigated_and_recorded": True,
                    "replied_within_limit": True,
                }
            }
        },
        "conforming",
    ),
    (
        "32169.1-7.R03",
        {
            "supervision": {
                "complaints": {
                    "register_kept": True,
                    "investigated_and_recorded": True,
                    "replied_within_limit": False,
                }
            }
        },
        "partial",
    ),
    # 32169.2-5.R04: some department entered, and every entered one authorised.
    (
        "32169.2-5.R04",
        {"departments": {"items": [{"entered": True, "authorisation_letter": True}]}},
        "conforming",
    ),
    (
        "32169.2-5.R04",
        {"departments": {"items": [{"entered": False, "authorisation_letter": False}]}},
        "nonconforming",
    ),
    # 32169.2-5.R08: promising the statutory limit itself is allowed; one day more is not.
    (
        "32169.2-5.R08",
        {"matters": {"items": [{"promised_days": 20, "statutory_days": 20}]}},
        "conforming",
    ),
    # 32169.2-5.R13: the catalogue reviewed within a year of the assessment date.
    ("32169.2-5.R13", {"matters": {"last_catalogue_review": "2025-06-30"}}, "conforming"),
    ("32169.2-5.R13", {"matters": {"last_catalogue_review": "2025-06-29"}}, "nonconforming"),
    # 32170.1-6.R04: at least one full-time standardisation officer.
    ("32170.1-6.R04", {"standardization": {"full_time_staff": 1}}, "conforming"),
    ("32170.1-6.R04", {"standardization": {"full_time_staff": 0}}, "nonconforming"),
    # 32168-5.3.R07: one channel and a web address are enough.
    (
        "32168-5.3.R07",
        {"online": {"channels": ["website"], "url": "https://zwfw.example.gov.cn"}},
        "conforming",
    ),
    # 36112-6.1.R01: all four zones and signs; two of the four zones earn partial, one does not.
    (
        "36112-6.1.R01",
        {"premises": {"zones": ["guidance", "waiting"], "signage": {"zone_signs": True}}},
        "partial",
    ),
    (
        "36112-6.1.R01",
        {"premises": {"zones": ["guidance"], "signage": {"zone_signs": True}}},
        "nonconforming",
    ),
]


@pytest.mark.parametrize(("requirement", "stated", "expected"), CASES)
def test_check_verdict_at_its_threshold(checks, requirement, stated, expected):
    assert verdict(checks, requirement, stated) == expected


def test_the_dates_checks_compare_with_are_a_year_and_half_a_year_before_the_assessment():
    # User checks compare facts with these (``x >= assessment.year_ago``): a review on the same
    # day a year earlier is within the year.
    assessment = fact_data({}, AS_OF)["assessment"]
    assert assessment == {
        "as_of": "2026-06-30",
        "half_year_ago": "2025-12-29",
        "year_ago": "2025-06-30",
    }
