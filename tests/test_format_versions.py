"""Fields with one clear home (issue 17, section 3), and version 1 files read as version 2.

Version 2 gave the acceptance notice its own yes/no, the waiting zone one name, the evaluation
device one place (a rating channel), the number of entered departments a field, and
satisfaction rating a gate: one "no" instead of fifteen.
"""

import json

import yaml

from gbstd.cli import app
from gbstd.description.model import CentreDescription
from gbstd.errors import ExitCode

CENTRE = {"name": "测试中心", "level": "county", "assessed_on": "2026-06-30"}


def _write(tmp_path, data, name="centre.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _results(runner, path):
    result = runner.invoke(app, ["assess", str(path), "-f", "json"])
    assert result.exit_code in (ExitCode.OK, ExitCode.GAPS_FOUND), result.output
    report = json.loads(result.stdout)
    return {r["requirement"]: r for r in report["results"]}, report


VERSION_1 = {
    "format_version": 1,
    "centre": CENTRE,
    "premises": {
        "zones": ["guidance", "rest", "windows"],
        "equipment": ["queue_system", "evaluation_device"],
    },
    "counter_service": {
        "notices_issued": ["correction", "service"],
        "acceptance_notice_states_deadline": True,
    },
    "supervision": {"satisfaction": {"channels": ["qr_code"]}},
}


def test_a_version_1_file_reads_as_version_2_meaning_the_same():
    d = CentreDescription.model_validate(VERSION_1)
    assert d.format_version == 2
    # Leaving the acceptance notice out of a stated list said "not issued" in version 1.
    assert d.counter_service.acceptance_notice is False
    assert [n.value for n in d.counter_service.notices_issued] == ["correction", "service"]
    assert [z.value for z in d.premises.zones] == ["guidance", "waiting", "windows"]
    assert [e.value for e in d.premises.equipment] == ["queue_system"]
    assert [c.value for c in d.supervision.satisfaction.channels] == [
        "qr_code",
        "evaluation_device",
    ]
    with_notice = {**VERSION_1, "counter_service": {"notices_issued": ["acceptance"]}}
    assert CentreDescription.model_validate(with_notice).counter_service.acceptance_notice is True


def test_validate_says_what_moved_with_the_line_and_convert_writes_version_2(runner, tmp_path):
    path = _write(tmp_path, VERSION_1)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == ExitCode.OK, result.output
    assert "格式版本 1：已按版本 2 读取" in result.stdout
    lines = result.stdout.splitlines()[2:]
    assert [line.split(": ")[0].rsplit("centre.yaml:", 1)[1] for line in lines] == [
        "7:3",
        "11:3",
        "15:3",
    ]
    assert "按原清单记为“否”" in lines[2] and "counter_service.acceptance_notice" in lines[2]
    assert "nursing_room" in lines[0] and "已记入评价渠道" in lines[1]
    english = runner.invoke(app, ["validate", str(path), "--lang", "en"]).stdout
    assert "counter_service.acceptance_notice (no, as the list said)" in english
    out = tmp_path / "v2.yaml"
    assert runner.invoke(app, ["convert", str(path), str(out)]).exit_code == ExitCode.OK
    written = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert written["format_version"] == 2
    assert written["counter_service"]["acceptance_notice"] is False
    again = runner.invoke(app, ["validate", str(out)])
    assert again.exit_code == ExitCode.OK and "格式版本 1" not in again.stdout


def test_an_unknown_format_version_is_refused_with_the_field(runner, tmp_path):
    path = _write(tmp_path, {**VERSION_1, "format_version": 3})
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "format_version" in result.output


def test_version_2_refuses_the_words_that_moved(runner, tmp_path):
    data = {**VERSION_1, "format_version": 2}
    result = runner.invoke(app, ["validate", str(_write(tmp_path, data))])
    assert result.exit_code == ExitCode.INVALID_INPUT
    for where in ("premises.zones[1]", "premises.equipment[1]"):
        assert where in result.output


def test_the_acceptance_notice_decides_its_requirement_on_its_own(runner, tmp_path):
    def status(counter):
        data = {"format_version": 2, "centre": CENTRE, "counter_service": counter}
        return _results(runner, _write(tmp_path, data))[0]["32169.3-4.R08"]["status"]

    # No notice fails whatever the notice would state; a notice needs its contents stated.
    assert status({"acceptance_notice": False}) == "nonconforming"
    assert status({"acceptance_notice": True}) == "not_evaluable"
    assert status({"acceptance_notice": True, "acceptance_notice_states_deadline": True}) == (
        "conforming"
    )
    assert status({"notices_issued": ["correction"]}) == "not_evaluable"


RATING = ("32169.1-5.R15", "32169.1-7.R05", "32169.3-7.R05", "32169.3-7.R09", "32169.4-6.2.R01")


def test_no_rating_is_one_answer_that_fails_every_rating_requirement_truthfully(runner, tmp_path):
    gated = {"format_version": 2, "centre": CENTRE, "supervision": {"satisfaction": {}}}
    gated["supervision"]["satisfaction"]["in_place"] = False
    results, report = _results(runner, _write(tmp_path, gated))
    for rid in RATING:
        result = results[rid]
        assert result["status"] == "nonconforming", (rid, result["reason"])
        # The reason is the centre's own "no", not the check's finding ("not every window").
        assert result["reason"] == "开展服务对象满意度评价（好差评）：否", rid
    # None of the block's facts is asked for again.
    missing = {m for r in results.values() for m in r["missing"] or ()}
    assert not [m for m in missing if m.startswith("supervision.satisfaction.")]
    # The plan puts the rating gaps down to the one answer, as one action.
    causes = [a for a in report["actions"] if "supervision.satisfaction.in_place" in str(a)]
    assert len(causes) == 1


def test_left_out_the_rating_block_is_data_needed_not_a_failure(runner, tmp_path):
    results, _ = _results(runner, _write(tmp_path, {"format_version": 2, "centre": CENTRE}))
    assert {results[rid]["status"] for rid in RATING} == {"not_evaluable"}


def test_a_questionnaire_of_format_1_is_read_and_upgraded(runner, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "自评表.xlsx"
    assert runner.invoke(app, ["init", "--level", "county", "-o", str(path)]).exit_code == 0
    book = load_workbook(path)
    book["_gbstd"]["A1"] = "gbstd-questionnaire/1"
    # Rows version 1 asked: "受理通知书" among the notices, 休息、母婴区 among the zones.
    book["窗口服务"].append(
        [90, "受理通知书", "否", "是/否", "", "", "counter_service.notices_issued[acceptance]"]
    )
    for row in book["窗口服务"].iter_rows(min_row=2):
        if row[6].value == "counter_service.notices_issued[correction]":
            row[2].value = "是"
    book["场所"].append([90, "休息、母婴区", "是", "是/否", "", "", "premises.zones[rest]"])
    book.save(path)
    out = tmp_path / "centre.yaml"
    result = runner.invoke(app, ["convert", str(path), str(out)])
    assert result.exit_code == ExitCode.OK, result.output
    assert "窗口服务!C" in result.stdout and "场所!C" in result.stdout
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["format_version"] == 2
    assert data["counter_service"]["acceptance_notice"] is False
    assert data["counter_service"]["notices_issued"] == ["correction"]
    assert data["premises"]["zones"] == ["waiting"]
    # The rows are version 1's only: a version 2 questionnaire refuses them, naming the cell.
    book["_gbstd"]["A1"] = "gbstd-questionnaire/2"
    book.save(path)
    refused = runner.invoke(app, ["validate", str(path)])
    assert refused.exit_code == ExitCode.INVALID_INPUT and "场所!G" in refused.output


def test_no_window_evaluation_is_one_answer_too(runner, tmp_path):
    gated = {"format_version": 2, "centre": CENTRE, "window_evaluation": {"in_place": False}}
    results, _ = _results(runner, _write(tmp_path, gated))
    readers = [r for rid, r in results.items() if rid.startswith("32169.4-") and r["gap"]]
    assert len(readers) >= 25
    assert {r["reason"] for r in readers} == {"开展窗口服务评价：否"}
    missing = {m for r in results.values() for m in r["missing"] or ()}
    assert not [m for m in missing if m.startswith("window_evaluation.")]


def test_version_1_questions_asked_twice_are_folded_into_the_one_checks_read():
    data = {
        "format_version": 1,
        "centre": CENTRE,
        "standardization": {
            "staff_trained_yearly": False,
            "standards_reviewed_yearly": True,
            "standards_reviews_per_year": 2,
            "staff_training_yearly": True,
        },
        "online": {"backup_restore_tested": False, "restore_tests_per_year": 1},
        "disclosure": {"departments_and_windows_published": True},
    }
    d = CentreDescription.model_validate(data)
    s = d.standardization
    # "No" is a count of 0; a stated count wins; "yes" without a count leaves it to be given.
    assert (s.specialist_trainings_per_year, s.standards_reviews_per_year) == (0, 2)
    assert s.staff_trainings_per_year is None
    assert d.online.restore_tests_per_year == 1
    assert d.departments.list_published is True
    from gbstd.description.versions import upgrade

    said = {".".join(m.at): m.message.zh for m in upgrade(data)[1]}
    assert "请填写次数" in said["standardization.staff_training_yearly"]
    assert "重复" in said["disclosure.departments_and_windows_published"]


def test_a_figure_the_gate_leaves_unanswered_is_not_asked_for(runner, tmp_path):
    # 39734-9.R02 reads the promised days to fix a bad rating besides the follow-up: with no
    # rating at all there are no such days, and the requirement still fails on the "no".
    gated = {"format_version": 2, "centre": CENTRE}
    gated["supervision"] = {"satisfaction": {"in_place": False}}
    path = _write(tmp_path, gated)
    result = runner.invoke(app, ["assess", str(path), "-s", "GB/T 39734-2020", "-f", "json"])
    results = {r["requirement"]: r for r in json.loads(result.stdout)["results"]}
    assert results["39734-9.R02"]["status"] == "nonconforming"
    assert results["39734-9.R02"]["reason"] == "开展服务对象满意度评价（好差评）：否"
    # Stated, the days are read as before.
    gated["supervision"]["satisfaction"] = {"bad_rating_fix_days": 5}
    result = runner.invoke(app, ["assess", str(_write(tmp_path, gated)), "-s", "GB/T 39734-2020"])
    assert "bad_ratings_followed_up" in result.stdout
