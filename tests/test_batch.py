"""gbstd batch: many centres, invalid files reported and skipped, a useful summary."""

import json
import shutil
from datetime import date

import yaml
from openpyxl import load_workbook

from gbstd.assessment.batch import expand, run_batch
from gbstd.cli import app
from gbstd.errors import ExitCode
from gbstd.io.bundled import data_dir


def centres(tmp_path, broken=True):
    folder = tmp_path / "centres"
    folder.mkdir()
    for example in sorted(data_dir("examples").glob("*.yaml")):
        shutil.copy(example, folder / example.name)
    if broken:
        (folder / "broken.yaml").write_text(
            "format_version: 1\ncentre: {name: x, level: village}\n", encoding="utf-8"
        )
        (folder / "gbk.yaml").write_bytes(
            "format_version: 1\ncentre: {name: 中心, level: county}\n".encode("gbk")
        )
    return folder


def test_invalid_files_are_reported_and_skipped_never_abort(tmp_path):
    summary = run_batch(expand(str(centres(tmp_path))), jobs=1, today=date(2026, 6, 30))
    assert [c.file.rsplit("/", 1)[-1] for c in summary.centres] == [
        "city-centre.yaml",
        "county-centre.yaml",
        "township-centre.yaml",
    ]
    failures = {f.file.rsplit("/", 1)[-1]: f.message("zh") for f in summary.failures}
    assert set(failures) == {"broken.yaml", "gbk.yaml"}
    assert "centre.level" in failures["broken.yaml"] and "GBK" in failures["gbk.yaml"]


def test_parallel_and_serial_agree(tmp_path):
    files = expand(str(centres(tmp_path, broken=False)))
    serial = run_batch(files, jobs=1, today=date(2026, 6, 30))
    parallel = run_batch(files, jobs=2, today=date(2026, 6, 30))
    assert [(c.file, c.score, list(c.gaps)) for c in serial.centres] == [
        (c.file, c.score, list(c.gaps)) for c in parallel.centres
    ]


def test_ranking_and_common_gaps(tmp_path):
    summary = run_batch(
        expand(str(centres(tmp_path, broken=False))), jobs=1, today=date(2026, 6, 30)
    )
    ranking = summary.ranking()
    assert ranking[0].name.startswith("青岚县") and ranking[-1].level == "township"
    (_top, count), *_ = summary.common_gaps(5)
    assert count == max(
        sum(1 for c in summary.centres if summary.requirements.index(r) in c.gaps)
        for r, _ in summary.common_gaps(50)
    )


def test_cli_batch_json_and_xlsx_and_exit_codes(runner, tmp_path):
    folder = centres(tmp_path)
    report = tmp_path / "summary.json"
    result = runner.invoke(
        app, ["batch", str(folder), "-o", str(report), "--jobs", "1"], catch_exceptions=False
    )
    assert result.exit_code == ExitCode.INVALID_INPUT  # invalid files make the batch exit 3
    data = json.loads(report.read_text(encoding="utf-8"))
    assert len(data["centres"]) == 3 and len(data["failures"]) == 2 and data["common_gaps"]
    workbook = tmp_path / "summary.xlsx"
    clean = (
        centres(tmp_path / "clean", broken=False) if (tmp_path / "clean").mkdir() is None else None
    )
    result = runner.invoke(
        app, ["batch", str(clean), "-o", str(workbook), "--jobs", "1"], catch_exceptions=False
    )
    assert result.exit_code == ExitCode.GAPS_FOUND
    book = load_workbook(workbook)
    assert book.sheetnames == ["概览", "汇总", "排名", "常见差距", "无效文件"]
    for ws in book:  # printable: A4, all columns on one page width
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
        if ws.title != "概览":
            assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")


def test_glob_and_nothing_found(runner, tmp_path):
    folder = centres(tmp_path, broken=False)
    assert len(expand(str(folder / "c*.yaml"))) == 2
    result = runner.invoke(app, ["batch", str(tmp_path / "none" / "*.yaml")])
    assert result.exit_code == ExitCode.INVALID_INPUT


def test_batch_figures_are_exactly_those_of_the_full_report(tmp_path):
    """The batch's fast path and `assess` must agree to the last bit: same verdicts, same roll-up."""
    from gbstd.assessment.run import assess, assess_figures, prepare, select_standards
    from gbstd.description.loading import load_description
    from gbstd.sample.centres import sample_centre

    setup = prepare()
    standards = select_standards(setup.catalogue, [])
    texts = [p.read_text(encoding="utf-8") for p in sorted(data_dir("examples").glob("*.yaml"))]
    texts += [sample_centre(i, seed=7) for i in range(1, 41)]
    for i, text in enumerate(texts):
        path = tmp_path / f"c{i}.yaml"
        path.write_text(text, encoding="utf-8")
        loaded = load_description(path)
        report = assess(loaded, setup, standards, today=date(2026, 6, 30))
        figures = assess_figures(loaded, setup, standards, today=date(2026, 6, 30))
        assert figures.scores == tuple(s.score for s in report.standards)
        assert figures.score == report.score
        assert (figures.grade.id if figures.grade else None) == report.grade
        assert figures.counts == tuple(report.counts.values())
        assert figures.gaps == tuple(r.requirement for r in report.results if r.is_gap)
        assert figures.coverage == report.coverage
        assert set(figures.vetoes) == {v for s in report.standards for v in s.veto_triggered}


def test_the_workbook_written_during_the_batch_equals_one_written_after(runner, tmp_path):
    """`gbstd batch -o x.xlsx` fills the centres sheet as results arrive, from 2 workers."""
    from gbstd.reports.batch import build_workbook
    from gbstd.sample.centres import sample_centre

    folder = centres(tmp_path)
    for number in range(1, 13):
        (folder / f"sample-{number:02d}.yaml").write_text(sample_centre(number), encoding="utf-8")
    streamed = tmp_path / "streamed.xlsx"
    result = runner.invoke(
        app, ["batch", str(folder), "-o", str(streamed), "--jobs", "2"], catch_exceptions=False
    )
    assert result.exit_code == ExitCode.INVALID_INPUT
    after = tmp_path / "after.xlsx"
    build_workbook(run_batch(expand(str(folder)), jobs=1, today=date.today()), "zh").save(after)

    def cells(path):
        return {
            ws.title: [list(r) for r in ws.iter_rows(values_only=True)]
            for ws in load_workbook(path)
        }

    streamed_cells, after_cells = cells(streamed), cells(after)
    assert len(streamed_cells["汇总"]) == 1 + 15 and len(streamed_cells["无效文件"]) == 1 + 2
    assert streamed_cells == after_cells


def test_a_folder_is_searched_for_yaml_files_at_any_depth(tmp_path):
    for name in ["b.yaml", "a/c.yml", "a/deep/er/d.yaml", "x.yaml/e.yaml", "f.YAML", "g.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("format_version: 1\n", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in expand(str(tmp_path))]
    # A folder named x.yaml is searched, not taken for a file; suffixes are case-sensitive.
    assert found == ["a/c.yml", "a/deep/er/d.yaml", "b.yaml", "x.yaml/e.yaml"]


def test_a_common_gaps_share_is_of_the_centres_assessed_not_of_the_files(tmp_path):
    from gbstd.reports.batch import to_data

    summary = run_batch(expand(str(centres(tmp_path))), jobs=1, today=date(2026, 6, 30))
    assert len(summary.centres) == 3 and len(summary.failures) == 2
    for row in to_data(summary, "zh")["common_gaps"]:
        assert row["share"] == round(row["centres"] / 3, 4)


def test_the_json_summary_counts_centres_and_invalid_files_apart(tmp_path):
    from gbstd.reports.batch import to_data

    summary = run_batch(expand(str(centres(tmp_path))), jobs=1, today=date(2026, 6, 30))
    data = to_data(summary, "en")["summary"]
    assert (data["centres"], data["failures"]) == (3, 2)
    assert sum(data["grades"].values()) == 3


# --- issue 16: coverage, vetoes, percentages, a chart, English labels ------------------------


def _sample_batch(tmp_path, count=12):
    from gbstd.sample.centres import sample_centre

    folder = centres(tmp_path, broken=False)
    for number in range(1, count + 1):
        (folder / f"sample-{number:02d}.yaml").write_text(sample_centre(number), encoding="utf-8")
    # One centre that surely fails a veto (whether a sample draws one depends on the generator).
    vetoed = yaml.safe_load(sample_centre(1))
    vetoed["centre"]["name"] += "（消防设施不合格）"
    vetoed.setdefault("safety", {})["fire_equipment_ok"] = False
    (folder / "vetoed.yaml").write_text(yaml.safe_dump(vetoed, allow_unicode=True), "utf-8")
    return run_batch(expand(str(folder)), jobs=1, today=date(2026, 6, 30))


def test_summary_workbook_shows_coverage_vetoes_percentages_and_a_grade_chart(tmp_path):
    from gbstd.reports.batch import build_workbook

    summary = _sample_batch(tmp_path)
    path = tmp_path / "summary.xlsx"
    build_workbook(summary, "zh").save(path)
    book = load_workbook(path)
    overview = book["概览"]
    texts = [c.value for row in overview.iter_rows() for c in row if isinstance(c.value, str)]
    assert "等级分布" in texts and any(t.startswith("排名前四分之一") for t in texts)
    assert len(overview._charts) == 1
    shares = [r[2] for r in overview.iter_rows() if r[2].number_format == "0.0%"]
    assert shares and abs(sum(c.value for c in shares) - 1) < 0.01
    centres_sheet = book["汇总"]
    header = [c.value for c in centres_sheet[1]]
    score, coverage, veto = header.index("总分"), header.index("覆盖率"), header.index("否决项")
    rows = list(centres_sheet.iter_rows(min_row=2))
    assert all(r[coverage].number_format == "0.0%" for r in rows)
    assert all(r[score].value is None or r[score].value == round(r[score].value, 1) for r in rows)
    vetoed = [c for c in summary.centres if c.vetoes]
    assert vetoed, "the sample should hold a centre that fails a veto"
    cells = {r[0].value: r[veto].value for r in rows}
    assert all(cells[c.file] == "、".join(c.vetoes) for c in vetoed)
    assert "否决项" in [c.value for c in book["排名"][1]]


def test_english_batch_shows_english_grade_labels(runner, tmp_path):
    folder = centres(tmp_path, broken=False)
    result = runner.invoke(app, ["batch", str(folder), "--jobs", "1", "--lang", "en"])
    assert "Grades:" in result.stdout and "Coverage" in result.stdout
    for chinese in ("合格", "良好", "优秀", "不合格", "数据不足"):
        assert chinese not in result.stdout
