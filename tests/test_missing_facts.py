"""Missing facts: named by their label in the report's language, and an omitted number that
could decide a check makes it 'data needed', never a proven failure (issues 14 and 19)."""

import pytest
import yaml
from test_verdicts import db98_pack, organisation, run98

from gbstd.assessment.results import Status
from gbstd.assessment.run import prepare


def test_a_missing_fact_is_named_by_its_label_in_each_language(tmp_path):
    pack, checks = db98_pack(tmp_path)
    facts = organisation()
    del facts["organisation"]["internal_units_defined"]
    _, results = run98(prepare([pack], [checks]), tmp_path, facts)
    reason = results["4.3"].reason
    assert "内设科室或岗位已设置且职责成文" in reason("zh")
    assert "internal units" in reason("en").lower() and "内设" not in reason("en")
    assert "organisation.internal_units_defined" in reason("en")


@pytest.fixture
def staffed(tmp_path):
    """DB98 with 4.1 asking, beyond its yes/no fact, for at least two management staff when
    the number is given (a guarded has(): the number is not in ``reads``)."""
    pack, checks = db98_pack(tmp_path)
    path = checks / "db98.yaml"
    checklist = yaml.safe_load(path.read_text(encoding="utf-8"))
    checklist["checks"][0]["expect"] = (
        "organisation.management_body_approved && has(organisation.management_staff)"
        " && organisation.management_staff >= 2"
    )
    path.write_text(yaml.safe_dump(checklist, allow_unicode=True), encoding="utf-8")
    return prepare([pack], [checks])


def test_an_omitted_number_that_could_pass_the_check_is_data_needed(staffed, tmp_path):
    _, results = run98(staffed, tmp_path, organisation())
    assert results["4.1"].status == Status.NOT_EVALUABLE
    assert results["4.1"].missing == ("organisation.management_staff",)


@pytest.mark.parametrize(("staff", "status"), [(2, Status.CONFORMING), (1, Status.NONCONFORMING)])
def test_a_stated_number_decides(staffed, tmp_path, staff, status):
    facts = organisation()
    facts["organisation"]["management_staff"] = staff
    _, results = run98(staffed, tmp_path, facts)
    assert results["4.1"].status == status
