"""Synthetic centres and case records: deterministic, valid, national in shape, bad on purpose."""

import collections
import os
import subprocess
import sys
from datetime import date, datetime

import duckdb
import pytest
import yaml

from gbstd.assessment.run import assess_figures, prepare, select_standards
from gbstd.assessment.scoring import INSUFFICIENT_DATA
from gbstd.catalogue.loading import load_catalogue
from gbstd.description.loading import load_description
from gbstd.description.model import CentreDescription, fact_exists
from gbstd.errors import GbstdError, UsageError
from gbstd.io.outputs import OutputExistsError, OutputInUseError
from gbstd.kpi import profile as kpi_profile
from gbstd.kpi.compute import compute as compute_kpi
from gbstd.sample import cases as cases_module
from gbstd.sample import centres as centres_module
from gbstd.sample import tables
from gbstd.sample.cases import (
    CASE_COLUMNS,
    SATISFACTION_GRADES,
    case_period,
    cases_query,
    write_cases,
)
from gbstd.sample.centres import sample_centres, write_centres
from gbstd.sample.draw import level_for
from gbstd.sample.tables import NATIONAL_COUNTS

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # same data, ~10x faster


def load(text):
    return yaml.load(text, Loader=LOADER)


@pytest.fixture(scope="module")
def texts_2000():
    return [text for _, text in sample_centres(2000, seed=0)]


@pytest.fixture(scope="module")
def centres_2000(texts_2000):
    """Every larger centre of the 2,000 and the first 300 townships, parsed."""
    townships = [t for t in texts_2000 if "\n  level: township\n" in t]
    return [load(t) for t in texts_2000 if t not in townships] + [load(t) for t in townships[:300]]


def by_level(centres):
    groups = collections.defaultdict(list)
    for data in centres:
        groups[data["centre"]["level"]].append(data)
    return groups


def leaves(node):
    if isinstance(node, dict):
        return sum(leaves(v) for v in node.values())
    if isinstance(node, list):
        return sum(leaves(v) for v in node) or 1
    return 1


# --- centres ------------------------------------------------------------------------------------


def test_same_seed_gives_identical_bytes_and_another_seed_differs():
    first = list(sample_centres(60, seed=7))
    assert first == list(sample_centres(60, seed=7))
    other = list(sample_centres(60, seed=8))
    assert [name for name, _ in other] == [name for name, _ in first]
    assert sum(a != b for (_, a), (_, b) in zip(first, other, strict=True)) > 50


def test_output_does_not_depend_on_python_hash_randomisation():
    code = (
        "import hashlib; from gbstd.sample.centres import sample_centres; "
        "h = hashlib.sha256(); [h.update(t.encode()) for _, t in sample_centres(30, 5)]; "
        "print(h.hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for hash_seed in ("1", "2")
    }
    assert len(digests) == 1


def test_a_centre_depends_on_its_index_and_seed_not_on_n():
    small = [text for _, text in sample_centres(9, seed=1)]
    large = [text for _, text in sample_centres(120, seed=1)]
    assert large[:9] == small


def test_file_names_are_padded_to_the_width_of_n():
    assert [name for name, _ in sample_centres(3)] == [
        "centre-1.yaml",
        "centre-2.yaml",
        "centre-3.yaml",
    ]
    names = [name for name, _ in sample_centres(120)]
    assert names[0] == "centre-001.yaml" and names[-1] == "centre-120.yaml"
    assert list(sample_centres(0)) == []


def test_each_file_says_it_is_synthetic_with_seed_and_index():
    _, text = next(iter(sample_centres(1, seed=42)))
    first = text.splitlines()[0]
    assert first.startswith("# 合成数据") and "synthetic" in first
    assert "seed 42" in first and "index 1" in first


def test_every_one_of_200_centres_validates_and_names_known_requirements():
    catalogue = load_catalogue()
    nodes = set()
    for entry in catalogue.entries:
        nodes |= {entry.number, entry.standard.slug, *(n.id for _, n in entry.standard.walk())}
    requirements = {r.id for e in catalogue.entries for r in e.standard.requirements()}
    for name, text in sample_centres(200, seed=3):
        description = CentreDescription.model_validate(load(text))
        for item in description.not_applicable or []:
            assert item.requirement in nodes, name
        for waiver in description.waivers or []:
            assert waiver.requirement in requirements, name
        for evidence in description.evidence or []:
            assert set(evidence.supports or []) <= requirements, name
            assert all(fact_exists(path) for path in evidence.facts or []), name


def test_sixty_centres_assess_across_the_grades_with_most_facts_stated(tmp_path):
    """A demo or a benchmark over sample centres must not be a ranking of missing data."""
    setup = prepare()
    standards = select_standards(setup.catalogue, [])
    grades, coverages = collections.Counter(), []
    for name, text in sample_centres(60, seed=0):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        figures = assess_figures(
            load_description(path), setup, standards, today=datetime(2026, 12, 4).date()
        )
        grades[figures.grade.id] += 1
        coverages.append(figures.coverage)
    coverages.sort()
    assert coverages[30] >= 0.9  # the median centre states (almost) every fact
    graded = {g for g in grades if g != INSUFFICIENT_DATA}
    assert len(graded) >= 3, grades
    assert {"excellent", "fail"} <= graded, grades  # the tails are there
    assert 1 <= grades[INSUFFICIENT_DATA] <= 10, grades  # a few, as in real data
    assert grades["good"] + grades["pass"] >= 30, grades


def test_veto_facts_hold_but_in_a_few_centres():
    """Fire equipment, fees and the legal review fail only in the centres drawn to fail one."""
    failing = 0
    for _, text in sample_centres(400, seed=6):
        data = load(text)
        fees = [m for m in data.get("matters", {}).get("items", []) if m.get("fee_charged")]
        failing += (
            data.get("safety", {}).get("fire_equipment_ok") is False
            or data.get("counter_service", {}).get("fees_receipted") is False
            or data.get("standardization", {}).get("legal_review") is False
            or any(m.get("fee_legal_basis") is False for m in fees)
        )
        assert all("fee_legal_basis" in m and "fee_published" in m for m in fees)
    assert 4 <= failing <= 40


def test_own_standards_carry_the_structure_their_titles_say():
    seen, covered = collections.Counter(), []
    for _, text in sample_centres(300, seed=2):
        block = load(text).get("standardization", {})
        for item in block.get("standards", []):
            seen[item["type"]] += 1
            if item["type"] == "post_work":
                assert item["post"] in block["management_posts"] + block["window_posts"]
                assert item["name"].startswith(item["post"])
            if item["type"] == "management":
                assert item["management_area"]
            if item["type"] == "service_specification":
                assert item["quality"] and item["level"]
            assert (item["subsystem"] == "post_work") == (item["type"] == "post_work")
        if "standards" in block and not block.get("system_established"):
            assert block["standards"] == [] and block.get("system_subsystems", []) == []
        if block.get("standards"):
            published = {s.get("post") for s in block["standards"] if s["status"] == "published"}
            posts = block["management_posts"] + block["window_posts"]
            covered.append(set(posts) <= published)
    assert sum(covered) / len(covered) > 0.4, collections.Counter(covered)  # posts have theirs
    assert set(seen) == {
        "general_basic", "service_specification", "service_procedure", "management", "post_work"
    }  # fmt: skip


def test_text_is_exactly_what_yaml_safe_dump_writes():
    for _, text in sample_centres(120, seed=11):
        body = "".join(line for line in text.splitlines(True) if not line.lstrip().startswith("#"))
        assert body == yaml.safe_dump(load(text), allow_unicode=True, sort_keys=False)


def test_levels_follow_the_national_proportions(texts_2000):
    counts = collections.Counter(
        next(line.split()[-1] for line in t.splitlines() if line.startswith("  level: "))
        for t in texts_2000
    )
    assert 0.905 < counts["township"] / 2000 < 0.94
    assert 0.05 < counts["county"] / 2000 < 0.085
    assert 0.002 < (counts["city"] + counts["province"]) / 2000 < 0.02


def test_the_national_set_has_the_national_counts():
    counts = collections.Counter(
        level_for(i, 0) for i in range(1, sum(NATIONAL_COUNTS.values()) + 1)
    )
    for level, expected in NATIONAL_COUNTS.items():
        assert abs(counts[level] - expected) <= 2, level


def test_townships_mostly_have_no_online_hall_and_larger_centres_do(centres_2000):
    groups = by_level(centres_2000)
    townships = [d["online"]["provided"] for d in groups["township"]]
    larger = [
        d["online"]["provided"] for lvl in ("county", "city", "province") for d in groups[lvl]
    ]
    assert sum(townships) / len(townships) < 0.15
    assert sum(larger) / len(larger) > 0.75
    assert all(
        d["online"] == {"provided": False}
        for d in groups["township"]
        if not d["online"]["provided"]
    )


def test_townships_state_fewer_facts_than_larger_centres(centres_2000):
    groups = by_level(centres_2000)
    mean = {lvl: sum(map(leaves, ds)) / len(ds) for lvl, ds in groups.items()}
    assert mean["township"] < mean["county"] < mean["city"]


def test_list_sizes_are_realistic_and_files_small(centres_2000):
    for data in centres_2000:
        items = data.get("matters", {}).get("items", [])
        assert len(items) <= 40
        if data["centre"]["level"] == "township" and items:
            assert 5 <= len(items) <= 15
    groups = by_level(centres_2000)
    assert any("standardization" in d for d in groups["county"])
    assert any("evidence" in d for d in groups["county"])
    assert any("waivers" in d or "not_applicable" in d for d in centres_2000)


def test_the_comments_give_the_totals_the_lists_stand_for():
    texts = [text for _, text in sample_centres(300, seed=2)]
    assert any("以下列出其中" in text for text in texts)


def test_names_are_fictional_and_marked():
    for _, text in sample_centres(400, seed=4):
        centre = load(text)["centre"]
        if centre["level"] == "province":
            assert centre["name"].endswith("（虚构）")
        assert "code" not in centre["region"]
        place = centre["region"].get("township") or centre["region"].get("county") or ""
        assert not place or place[0] in tables.FIRST


# --- writing centres ------------------------------------------------------------------------------


def test_write_centres_writes_n_files(tmp_path):
    out = tmp_path / "centres"
    assert write_centres(12, out, seed=5) == 12
    files = sorted(p.name for p in out.glob("*.yaml"))
    assert files == [name for name, _ in sample_centres(12, seed=5)]
    assert (out / "centre-03.yaml").read_bytes() == dict(sample_centres(12, seed=5))[
        "centre-03.yaml"
    ].encode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["centres"]  # no staging left over


def test_write_centres_refuses_a_non_empty_directory_unless_forced(tmp_path):
    out = tmp_path / "centres"
    write_centres(3, out)
    with pytest.raises(OutputExistsError) as caught:
        write_centres(3, out, seed=1)
    assert "--force" in caught.value.render("en") and "--force" in str(caught.value)
    assert write_centres(5, out, seed=1, force=True) == 5
    assert sorted(p.name for p in out.iterdir()) == [
        ".gbstd-manifest.json",
        *(f"centre-{i}.yaml" for i in range(1, 6)),
    ]


def test_force_never_deletes_files_it_did_not_write(tmp_path):
    out = tmp_path / "mixed"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(OutputInUseError, match=r"notes\.txt"):
        write_centres(3, out, force=True)
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


def test_write_centres_into_an_empty_existing_directory(tmp_path):
    out = tmp_path / "empty"
    out.mkdir()
    assert write_centres(4, out) == 4
    assert len(list(out.glob("centre-*.yaml"))) == 4


def test_a_failure_leaves_nothing_half_written(tmp_path, monkeypatch):
    real, calls = centres_module.sample_centre, []

    def flaky(index, seed=0):
        calls.append(index)
        if len(calls) > 5:
            raise RuntimeError("disk on fire")
        return real(index, seed)

    monkeypatch.setattr(centres_module, "sample_centre", flaky)
    with pytest.raises(RuntimeError):
        write_centres(20, tmp_path / "centres")
    assert list(tmp_path.iterdir()) == []


def test_a_failure_keeps_the_previous_samples(tmp_path, monkeypatch):
    out = tmp_path / "centres"
    write_centres(3, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    monkeypatch.setattr(centres_module, "sample_centre", lambda index, seed=0: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        write_centres(3, out, seed=9, force=True)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["centres"]


def test_several_processes_write_the_same_files_as_one(tmp_path, monkeypatch):
    if centres_module._fork_context() is None:
        pytest.skip("no safe fork here; one process writes")
    monkeypatch.setattr(centres_module, "_CHUNK", 40)
    one, two = tmp_path / "one", tmp_path / "two"
    n = 2 * centres_module._CHUNK + 7
    write_centres(n, one, seed=2, workers=1)
    write_centres(n, two, seed=2, workers=2)
    names = sorted(p.name for p in one.glob("*.yaml"))
    assert names == sorted(p.name for p in two.glob("*.yaml")) and len(names) == n
    for name in names:
        assert (one / name).read_bytes() == (two / name).read_bytes()


@pytest.mark.parametrize("n", [0, -3])
def test_write_centres_rejects_a_count_below_one(tmp_path, n):
    with pytest.raises(UsageError) as caught:
        write_centres(n, tmp_path / "x")
    assert isinstance(caught.value, GbstdError)
    assert "at least 1" in caught.value.render("en") and "至少" in caught.value.render("zh")


def test_write_centres_rejects_a_file_as_directory(tmp_path):
    target = tmp_path / "file.yaml"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(UsageError):
        write_centres(2, target)


# --- case records ---------------------------------------------------------------------------------

ROWS = 20_000
AS_OF = date(2026, 12, 4)


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cases")
    csv, parquet = folder / "cases.csv", folder / "cases.parquet"
    assert write_cases(ROWS, csv, seed=1, centres=40, as_of=AS_OF) == ROWS
    assert write_cases(ROWS, parquet, seed=1, centres=40, as_of=AS_OF) == ROWS
    return csv, parquet


def test_csv_has_a_bom_and_exactly_the_documented_columns(cases):
    csv, _ = cases
    raw = csv.read_bytes()
    assert raw.startswith("\ufeff".encode())
    header = raw.decode("utf-8-sig").splitlines()[0]
    assert tuple(header.split(",")) == CASE_COLUMNS
    assert duckdb.execute(f"SELECT count(*) FROM read_csv('{csv}')").fetchone()[0] == ROWS


def test_parquet_has_exactly_the_documented_columns_and_types(cases):
    _, parquet = cases
    described = duckdb.execute(f"DESCRIBE SELECT * FROM '{parquet}'").fetchall()
    assert tuple(row[0] for row in described) == CASE_COLUMNS
    types = {row[0]: row[1] for row in described}
    assert types["accepted_at"] == types["completed_at"] == "TIMESTAMP"
    assert types["statutory_days"] == types["promised_days"] == "INTEGER"
    assert types["on_the_spot"] == types["complaint_accepted"] == "BOOLEAN"
    assert duckdb.execute(f"SELECT count(*) FROM '{parquet}'").fetchone()[0] == ROWS


def test_csv_and_parquet_hold_the_same_records(cases):
    csv, parquet = cases
    diff = duckdb.execute(
        f"SELECT count(*) FROM (SELECT * FROM read_csv('{csv}') EXCEPT ALL SELECT * FROM '{parquet}')"
    ).fetchone()[0]
    assert diff == 0


def test_cases_are_deterministic(cases, tmp_path):
    csv, parquet = cases
    write_cases(ROWS, tmp_path / "again.csv", seed=1, centres=40, as_of=AS_OF)
    assert (tmp_path / "again.csv").read_bytes() == csv.read_bytes()
    write_cases(ROWS, tmp_path / "again.parquet", seed=1, centres=40, as_of=AS_OF)
    query = "SELECT * FROM '{}'"
    assert (
        duckdb.execute(query.format(tmp_path / "again.parquet")).fetchall()
        == duckdb.execute(query.format(parquet)).fetchall()
    )
    write_cases(ROWS, tmp_path / "other.csv", seed=2, centres=40, as_of=AS_OF)
    assert (tmp_path / "other.csv").read_bytes() != csv.read_bytes()


def test_rows_do_not_depend_on_duckdb_threads():
    results = []
    for threads in (1, 4):
        con, sql = cases_query(5000, seed=3, centres=7)
        con.execute(f"SET threads = {threads}")
        results.append(con.execute(sql).fetchall())
    assert results[0] == results[1]


def test_bad_rows_and_duplicate_ids_are_sprinkled_in(cases):
    _, parquet = cases
    bad, duplicates = duckdb.execute(
        f"SELECT count(*) FILTER (WHERE completed_at < accepted_at),"
        f" count(*) - count(DISTINCT case_id) FROM '{parquet}'"
    ).fetchone()
    assert 1 <= bad <= ROWS * 0.001
    assert 1 <= duplicates <= ROWS * 0.001


def test_rates_are_realistic(cases):
    _, parquet = cases
    con = duckdb.connect()
    con.execute(f"CREATE VIEW c AS SELECT * FROM '{parquet}'")
    spot, online, complaints, overpromised, weekday, office_hours = con.execute(
        """SELECT avg(on_the_spot::INT), avg((channel = 'online')::INT), avg(complaint::INT),
                  count(*) FILTER (WHERE promised_days > statutory_days),
                  avg((dayofweek(accepted_at) BETWEEN 1 AND 5)::INT),
                  avg((hour(accepted_at) BETWEEN 8 AND 17)::INT)
           FROM c"""
    ).fetchone()
    assert 0.30 <= spot <= 0.45
    assert 0.20 <= online <= 0.50
    assert complaints < 0.005
    assert overpromised == 0
    assert weekday > 0.9 and office_hours == 1
    grades = dict(con.execute("SELECT satisfaction, count(*) FROM c GROUP BY 1").fetchall())
    rated = sum(v for k, v in grades.items() if k is not None)
    assert set(grades) - {None} == set(SATISFACTION_GRADES)
    assert (grades["非常满意"] + grades["满意"]) / rated > 0.85
    statuses = dict(con.execute("SELECT status, count(*) FROM c GROUP BY 1").fetchall())
    assert set(statuses) == {"completed", "in_progress", "refused", "withdrawn"}
    assert statuses["completed"] / ROWS > 0.9
    first, last = con.execute("SELECT min(accepted_at), max(accepted_at) FROM c").fetchone()
    assert first >= datetime(2025, 12, 1) and last < datetime(2026, 12, 1)
    open_cases = con.execute(
        "SELECT count(*) FROM c WHERE status = 'in_progress' AND completed_at IS NOT NULL"
    )
    assert open_cases.fetchone()[0] == 0
    lonely = con.execute(
        "SELECT count(*) FROM c WHERE NOT complaint AND (complaint_valid OR complaint_accepted)"
        " OR NOT joint_required AND joint_handled OR NOT authorised AND decided_at_window"
    )
    assert lonely.fetchone()[0] == 0
    overdue = con.execute(
        "SELECT avg((date_diff('day', accepted_at, completed_at) > promised_days * 7 / 5 + 4)::INT)"
        " FROM c WHERE status = 'completed' AND completed_at >= accepted_at"
    ).fetchone()[0]
    assert 0.002 < overdue < 0.05


def test_centre_ids_match_the_centre_file_names(tmp_path):
    write_cases(2000, tmp_path / "c.parquet", centres=120)
    ids = {
        row[0]
        for row in duckdb.execute(
            f"SELECT DISTINCT centre_id FROM '{tmp_path}/c.parquet'"
        ).fetchall()
    }
    stems = {name.removesuffix(".yaml") for name, _ in sample_centres(120)}
    assert ids <= stems and len(ids) > 100


def test_write_cases_refuses_an_existing_file_unless_forced(tmp_path):
    target = tmp_path / "cases.csv"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(OutputExistsError):
        write_cases(10, target)
    assert target.read_text(encoding="utf-8") == "old"
    assert write_cases(10, target, force=True) == 10
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cases.csv"]


@pytest.mark.parametrize(
    ("rows", "name", "centres"), [(10, "cases.xlsx", 1), (0, "cases.csv", 1), (10, "c.csv", 0)]
)
def test_write_cases_rejects_bad_arguments(tmp_path, rows, name, centres):
    with pytest.raises(UsageError) as caught:
        write_cases(rows, tmp_path / name, centres=centres)
    assert caught.value.render("en") != caught.value.render("zh")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("as_of", "first", "last"),
    [
        (date(2026, 12, 4), date(2025, 12, 1), date(2026, 11, 30)),
        (date(2026, 1, 1), date(2025, 1, 1), date(2025, 12, 31)),
        (date(2024, 3, 31), date(2023, 3, 1), date(2024, 2, 29)),
    ],
)
def test_the_case_period_is_the_twelve_full_months_before_the_as_of_date(as_of, first, last):
    assert case_period(as_of) == (first, last)


def test_sample_cases_end_before_today_so_kpi_finds_only_the_planted_problems(
    tmp_path, monkeypatch
):
    """Run on 2026-12-04, the records end on 2026-11-30: no date is implausible for kpi."""
    today = date(2026, 12, 4)
    monkeypatch.setattr(cases_module, "_today", lambda: today)
    monkeypatch.setattr(kpi_profile, "_today", lambda: today)
    path = tmp_path / "cases.csv"
    write_cases(30_000, path, seed=3, centres=25)
    first, last, done = duckdb.execute(
        f"SELECT min(accepted_at), max(accepted_at), max(completed_at) FROM read_csv('{path}')"
    ).fetchone()
    assert first >= datetime(2025, 12, 1) and max(last, done) < datetime(2026, 12, 1)
    issues = {i.key: i.rows for i in compute_kpi(path).issues}
    # Exactly what write_cases documents: every 3,331st row closes before it opens, every
    # 4,999th repeats the row before's case_id (in the same centre, where ids are unique).
    assert issues == {"completed_before_accepted": 9, "duplicate_case_id": 6}


def test_the_as_of_date_makes_cases_repeatable_from_the_command_line(runner, tmp_path):
    from gbstd.cli import app

    outputs = []
    for name in ("a.csv", "b.csv"):
        argv = ["sample", "cases", "--rows", "500", "--as-of", "2025-06-15", "-o"]
        assert runner.invoke(app, [*argv, str(tmp_path / name)]).exit_code == 0
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]
    accepted = duckdb.execute(
        f"SELECT min(accepted_at), max(accepted_at) FROM read_csv('{tmp_path / 'a.csv'}')"
    ).fetchone()
    assert accepted[0] >= datetime(2024, 6, 1) and accepted[1] < datetime(2025, 6, 1)
    for bad in ("2025-13-01", "1999-12-31"):
        refused = runner.invoke(app, ["sample", "cases", "--rows", "5", "--as-of", bad, "-o",
                                      str(tmp_path / "c" / "x.csv")])  # fmt: skip
        assert refused.exit_code == 2, refused.output
        assert not (tmp_path / "c").exists()
