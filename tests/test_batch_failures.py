"""gbstd batch: one bad file, of any kind, costs that file only; the rest is summarised."""

import json
import os
import shutil
from datetime import date

import pytest
from openpyxl import load_workbook

from gbstd.assessment.batch import expand, run_batch
from gbstd.cli import app
from gbstd.errors import ExitCode
from gbstd.io.bundled import data_dir

GOOD = ["city-centre.yaml", "county-centre.yaml", "township-centre.yaml"]


def hostile_folder(tmp_path):
    """The three examples, and files that once ended a whole batch with a traceback."""
    folder = tmp_path / "centres"
    folder.mkdir()
    for example in sorted(data_dir("examples").glob("*.yaml")):
        shutil.copy(example, folder / example.name)
    county = (folder / "county-centre.yaml").read_text(encoding="utf-8")
    assert "assessed_on: 2026-06-30" in county
    (folder / "year-0001.yaml").write_text(
        county.replace("assessed_on: 2026-06-30", "assessed_on: 0001-01-01"), encoding="utf-8"
    )
    (folder / "hour-24.yaml").write_text(
        county.replace("assessed_on: 2026-06-30", "assessed_on: 2026-06-30 24:00:00"),
        encoding="utf-8",
    )
    (folder / "deep.yaml").write_text(
        "format_version: 1\nx: " + "[" * 600 + "]" * 600 + "\n", encoding="utf-8"
    )
    (folder / "loop-a.yaml").symlink_to("loop-b.yaml")
    (folder / "loop-b.yaml").symlink_to("loop-a.yaml")
    (folder / "dangling.yaml").symlink_to("gone.yaml")
    os.mkfifo(folder / "pipe.yaml")  # would block a reader forever
    return folder


BAD = {
    "year-0001.yaml",
    "hour-24.yaml",
    "deep.yaml",
    "loop-a.yaml",
    "loop-b.yaml",
    "dangling.yaml",
    "pipe.yaml",
}


def by_name(summary):
    return {f.file.rsplit("/", 1)[-1]: f.message for f in summary.failures}


@pytest.mark.parametrize("jobs", [1, 2])
def test_hostile_files_are_reported_and_the_good_ones_summarised(tmp_path, jobs):
    summary = run_batch(expand(str(hostile_folder(tmp_path))), jobs=jobs, today=date(2026, 6, 30))
    assert [c.file.rsplit("/", 1)[-1] for c in summary.centres] == GOOD
    failures = by_name(summary)
    assert set(failures) == BAD
    for name, message in failures.items():  # each names its file and says why, in both languages
        assert message("zh").startswith(str(tmp_path)) and name in message("zh")
        assert message("en").startswith(str(tmp_path)) and name in message("en")
    assert "符号链接" in failures["dangling.yaml"]("zh")
    assert "gone.yaml" in failures["dangling.yaml"]("en")
    assert "loop" in failures["loop-a.yaml"]("en")
    assert "regular file" in failures["pipe.yaml"]("en")


def test_a_glob_reports_dangling_symlinks_and_loops_too(tmp_path):
    folder = hostile_folder(tmp_path)
    found = {p.name for p in expand(str(folder / "*.yaml"))}
    assert found == set(GOOD) | BAD


@pytest.mark.parametrize(
    "error",
    [
        RuntimeError("boom"),
        RecursionError("maximum recursion depth exceeded"),
        MemoryError(),
        KeyError("x"),
        SystemExit(5),  # a library's stray sys.exit
    ],
)
@pytest.mark.parametrize("jobs", [1, 2])
def test_any_exception_in_a_worker_costs_one_file_and_is_called_a_gbstd_bug(
    tmp_path, monkeypatch, error, jobs
):
    """Whatever goes wrong with one file (a bug included) is that file's failure, named as a bug."""
    from gbstd.description import loading

    folder = hostile_folder(tmp_path)
    real = loading.load_description

    def flaky(path):
        if path.name == "county-centre.yaml":
            raise error
        return real(path)

    # The workers are forked from this process, so they see the patch as well.
    monkeypatch.setattr(loading, "load_description", flaky)
    summary = run_batch(expand(str(folder)), jobs=jobs, today=date(2026, 6, 30))
    assert [c.file.rsplit("/", 1)[-1] for c in summary.centres] == [
        "city-centre.yaml",
        "township-centre.yaml",
    ]
    reason = by_name(summary)["county-centre.yaml"]
    assert type(error).__name__ in reason("en") and "bug" in reason("en")
    assert type(error).__name__ in reason("zh") and "内部错误" in reason("zh")
    assert "county-centre.yaml" in reason("en")


def test_cli_writes_the_summary_lists_failures_on_stderr_and_exits_3(runner, tmp_path):
    folder = hostile_folder(tmp_path)
    report = tmp_path / "summary.json"
    result = runner.invoke(app, ["batch", str(folder), "-o", str(report), "--jobs", "2"])
    assert result.exit_code == ExitCode.INVALID_INPUT, result.output
    data = json.loads(report.read_text(encoding="utf-8"))
    assert [c["file"].rsplit("/", 1)[-1] for c in data["centres"]] == GOOD
    assert {f["file"].rsplit("/", 1)[-1] for f in data["failures"]} == BAD
    # With -o, the failed files are on stderr too, not only in the file.
    for name in BAD:
        assert name in result.stderr
    assert "Traceback" not in result.output


def test_cli_workbook_lists_the_failures_in_its_own_sheet(runner, tmp_path):
    folder = hostile_folder(tmp_path)
    report = tmp_path / "summary.xlsx"
    result = runner.invoke(
        app, ["batch", str(folder), "-o", str(report), "--jobs", "1", "--lang", "en"]
    )
    assert result.exit_code == ExitCode.INVALID_INPUT, result.output
    sheets = load_workbook(report)
    invalid = [
        row[0].rsplit("/", 1)[-1]
        for row in sheets["Invalid files"].iter_rows(min_row=2, values_only=True)
    ]
    assert set(invalid) == BAD
    assert len(list(sheets["Centres"].iter_rows(min_row=2))) == 3
    assert "7 invalid files" in result.stderr


def test_cli_terminal_view_lists_the_failures(runner, tmp_path):
    folder = hostile_folder(tmp_path)
    result = runner.invoke(app, ["batch", str(folder), "--jobs", "2", "--lang", "en"])
    assert result.exit_code == ExitCode.INVALID_INPUT, result.output
    assert "3 centres assessed, 7 invalid files" in result.stdout
    unfolded = result.stdout.replace("\n", "")  # long paths are folded at 80 columns
    for name in BAD:
        assert f"{name}:" in unfolded


def test_a_worker_that_dies_outright_costs_its_files_not_the_summary(tmp_path, monkeypatch):
    """No worker can catch SIGKILL (the OOM killer, a crash in C): the rest is still summarised."""
    import signal

    from gbstd.description import loading

    folder = hostile_folder(tmp_path)
    real = loading.load_description

    def deadly(path):
        if path.name == "hour-24.yaml":
            os.kill(os.getpid(), signal.SIGKILL)
        return real(path)

    monkeypatch.setattr(loading, "load_description", deadly)
    files = expand(str(folder))
    summary = run_batch(files, jobs=2, today=date(2026, 6, 30))
    assert len(summary.centres) + len(summary.failures) == len(files)
    assert "worker process died" in by_name(summary)["hour-24.yaml"]("en")
