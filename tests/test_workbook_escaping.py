"""Every workbook gbstd writes keeps hostile user text as literal text, never a formula.

Each writer is fed text that a spreadsheet would run (``=HYPERLINK(…)``, ``+cmd``, ``-1+1``,
``@SUM``, and a formula hidden behind a control character that the writers strip) in every
column that shows text from a user's file. A workbook passes when no worksheet holds a formula
element and each hostile text is shown as it was given.
"""

import re
import zipfile
from pathlib import Path

import yaml
from openpyxl import load_workbook

from gbstd.cli import app
from gbstd.errors import ExitCode

EXAMPLE = "examples/county-centre.yaml"
NAME = '=HYPERLINK("http://evil.example","点我")'
REGION = "-1+1"
TITLE = "+cmd|' /C calc'!A0"
LOCATION = "@SUM(1+1)"
APPROVER = "=1+2"
REASON = '\x01=HYPERLINK("http://hidden.example")'  # shown without the control character
FINDING = '=IF(1,"符合","不符合")'
AUDITOR = "@审核"


def shown(text):
    return text.replace("\x01", "")


def run(runner, *args, codes=(ExitCode.OK, ExitCode.GAPS_FOUND)):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code in codes, (result.exit_code, result.output, result.exception)
    return result


def literal_texts(path):
    """Assert that no sheet holds a formula; return every text cell's value."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                assert not re.search(rb"<(\w+:)?f[\s>/]", archive.read(name)), name
    workbook = load_workbook(path)
    cells = [c for ws in workbook for row in ws.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    # and editing such a cell in Excel keeps it text: the quote prefix is set
    risky = [
        c for c in cells if isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@"))
    ]
    assert all(c.quotePrefix for c in risky), [c.coordinate for c in risky if not c.quotePrefix]
    return [c.value for c in cells if isinstance(c.value, str)]


def assert_shown(texts, *expected):
    for text in expected:
        assert any(shown(text) in value for value in texts), text


def hostile_centre(tmp_path, file="centre.yaml", name=NAME):
    document = yaml.safe_load(Path(EXAMPLE).read_text(encoding="utf-8"))
    document["centre"]["name"] = name
    document["centre"]["region"]["province"] = REGION
    for item in document["evidence"]:
        item["title"] = TITLE
        item.pop("url", None)
        item["path"] = LOCATION
    for waiver in document.get("waivers", []):
        waiver["approver"] = APPROVER
    document["not_applicable"] = [
        {**item, "reason": REASON} for item in document.get("not_applicable", [])
    ]
    for own in document["standardization"]["standards"]:
        own["name"] = TITLE  # matched by number, and shown as the matched standard
    path = tmp_path / file
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


def test_assessment_workbook(runner, tmp_path):
    centre = hostile_centre(tmp_path)
    requirement = yaml.safe_load(centre.read_text(encoding="utf-8"))["not_applicable"][0]
    findings = tmp_path / "findings.yaml"
    findings.write_text(
        yaml.safe_dump(
            {
                "format_version": 1,
                "findings": [
                    {
                        "requirement": "32169.3-5.R01",
                        "status": "nonconforming",
                        "finding": FINDING,
                        "evidence": LOCATION,
                        "auditor": AUDITOR,
                    }
                ],
            },
            allow_unicode=True,
        ),
        encoding="utf-8",
    )
    out = tmp_path / "report.xlsx"
    run(runner, "assess", centre, "--findings", findings, "-o", out)
    texts = literal_texts(out)
    assert NAME in texts and REGION in " ".join(texts) and TITLE in texts and LOCATION in texts
    assert_shown(texts, APPROVER, FINDING, REASON if requirement else NAME)
    # A name with a control character once crashed the workbook's title property.
    out = tmp_path / "report-2.xlsx"
    run(runner, "assess", hostile_centre(tmp_path, "b.yaml", name=REASON), "-o", out)
    assert shown(REASON) in literal_texts(out)


def test_checklist_export(runner, tmp_path):
    out = tmp_path / "checklist.xlsx"
    run(runner, "checklist", "export", "--centre", hostile_centre(tmp_path), "-o", out)
    assert_shown(literal_texts(out), NAME, REASON)


def test_system_workbook(runner, tmp_path):
    for name in (NAME, REASON):
        out = tmp_path / f"system-{len(name)}.xlsx"
        run(runner, "system", "propose", hostile_centre(tmp_path, name=name), "-o", out)
        assert_shown(literal_texts(out), name, TITLE)


def test_batch_summary(runner, tmp_path):
    folder = tmp_path / "centres"
    folder.mkdir()
    hostile_centre(folder, "=HYPERLINK(1).yaml")
    hostile_centre(folder, "b.yaml", name=REASON)
    (folder / "@SUM(1).yaml").write_text("format_version: 1\ncentre: {}\n", encoding="utf-8")
    out = tmp_path / "summary.xlsx"
    run(runner, "batch", folder, "-o", out, "--jobs", "1", codes=(ExitCode.INVALID_INPUT,))
    texts = literal_texts(out)
    assert_shown(texts, NAME, REASON, REGION, "=HYPERLINK(1).yaml", "@SUM(1).yaml")
    assert texts.count(NAME) == 2  # the centres sheet and the ranking


def test_kpi_workbook(runner, tmp_path):
    from test_kpi import CASES, write_cases

    hostile = {
        "case_id": FINDING,
        "centre_id": NAME,
        "department": REGION,
        "window": TITLE,
        "matter": LOCATION,
        "outside_system": "是",  # an abnormal case: listed row by row
    }
    cases = write_cases(tmp_path / "cases.csv", [*CASES, hostile, {**hostile, "case_id": REASON}])
    out = tmp_path / "kpi.xlsx"
    run(runner, "kpi", cases, "--by", "window", "-o", out)
    assert_shown(literal_texts(out), FINDING, NAME, REGION, TITLE, LOCATION, REASON)
