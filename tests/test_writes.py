"""Writing outputs never loses a user's file: inputs, other files, races, modes, failed writes."""

import errno
import os
import shutil
import typing
from pathlib import Path, PurePosixPath

import pytest
from typer.testing import CliRunner

from gbstd.cli import app
from gbstd.errors import ExitCode, GbstdError
from gbstd.io import outputs
from gbstd.io.bundled import data_dir
from gbstd.io.outputs import (
    MANIFEST,
    OutputExistsError,
    OutputInUseError,
    staged_folder,
    write_atomic,
)
from gbstd.system.scaffold import PlannedFile, apply

CENTRE = data_dir("examples") / "county-centre.yaml"
CITY = data_dir("examples") / "city-centre.yaml"
DATA = Path(__file__).parent / "data"


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob("*") if p.name.endswith((".tmp", ".old", ".raw"))]


@pytest.fixture
def umask():
    def set_to(mask: int) -> None:
        os.umask(mask)

    old = os.umask(0o022)
    yield set_to
    os.umask(old)


# --- item 1: --force replaces only a folder gbstd wrote ------------------------------------------


def test_scaffold_force_never_deletes_a_folder_holding_the_input_or_other_files(tmp_path):
    # The repro: the input and a note of the user's sit in the target folder.
    d = tmp_path / "d"
    d.mkdir()
    shutil.copy(CITY, d / "city-centre.yaml")
    (d / "notes.txt").write_text("keep\n", encoding="utf-8")
    before = snapshot(d)
    result = run("system", "scaffold", d / "city-centre.yaml", "-o", d, "--force", "--lang", "en")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "city-centre.yaml (an input)" in result.stderr
    assert "notes.txt (not written by gbstd)" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert snapshot(d) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d"]


def fifo_in_place_of(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def test_force_replaces_an_unchanged_gbstd_folder_and_nothing_else(tmp_path):
    target = tmp_path / "drafts"
    assert run("system", "scaffold", CENTRE, "-o", target).exit_code == ExitCode.OK
    assert (target / MANIFEST).is_file()
    assert run("system", "scaffold", CENTRE, "-o", target, "--force").exit_code == ExitCode.OK
    plan = [
        PlannedFile(PurePosixPath("README.md"), b"r"),
        PlannedFile(PurePosixPath("a/b.md"), b"b"),
    ]
    for spoil, named in [
        (
            lambda: (target / "README.md").write_text("edits", encoding="utf-8"),
            "README.md（写入后被修改）",
        ),
        (lambda: (target / "a" / "mine.docx").write_bytes(b"x"), "a/mine.docx（非 gbstd 写入）"),
        (lambda: (target / "empty").mkdir(), "empty/（非 gbstd 写入）"),
        (lambda: (target / "link").symlink_to(CENTRE), "link（符号链接）"),
        (lambda: fifo_in_place_of(target / "a" / "b.md"), "a/b.md（非 gbstd 写入）"),  # no hang
        (
            lambda: (target / MANIFEST).write_text("{}", encoding="utf-8"),
            "README.md（非 gbstd 写入）",
        ),
    ]:
        shutil.rmtree(target)
        apply(plan, target, force=False)
        apply(plan, target, force=True)  # gbstd's own folder, unchanged: replaced
        spoil()
        before = snapshot(target)
        with pytest.raises(OutputInUseError) as caught:
            apply(plan, target, force=True)
        assert named in caught.value.render("zh")
        assert snapshot(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["drafts"]


def test_sample_centres_force_replaces_only_its_own_folder(tmp_path):
    out = tmp_path / "centres"
    assert run("sample", "centres", "-n", 3, "-o", out).exit_code == ExitCode.OK
    assert run("sample", "centres", "-n", 2, "-o", out, "--force").exit_code == ExitCode.OK
    assert sorted(p.name for p in out.glob("*.yaml")) == ["centre-1.yaml", "centre-2.yaml"]
    # A centre file of the user's that happens to be named like a generated one is not gbstd's.
    (out / "centre-1.yaml").write_text("format_version: 1\n", encoding="utf-8")
    result = run("sample", "centres", "-n", 2, "-o", out, "--force")
    assert result.exit_code == ExitCode.INVALID_INPUT and "centre-1.yaml" in result.stderr
    assert (out / "centre-1.yaml").read_text(encoding="utf-8") == "format_version: 1\n"


def test_a_file_added_during_the_run_stops_the_swap(tmp_path, monkeypatch):
    # Checked before the work and again once the old folder is renamed out of reach.
    target = tmp_path / "out"
    with staged_folder(target) as staging:
        (staging / "a.md").write_text("a", encoding="utf-8")
    real, calls = outputs.in_the_way, []

    def late_arrival(folder, protect=()):
        calls.append(folder)
        found = real(folder, protect)
        if len(calls) == 1:
            (target / "late.txt").write_text("mine", encoding="utf-8")
        return found

    monkeypatch.setattr(outputs, "in_the_way", late_arrival)
    with pytest.raises(OutputInUseError, match=r"late\.txt"), staged_folder(target, force=True):
        pass
    assert (target / "late.txt").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_folder_created_meanwhile_by_another_run_is_not_replaced(tmp_path, monkeypatch):
    target = tmp_path / "out"
    real = outputs.write_manifest

    def other_run_first(folder):
        target.mkdir()
        (target / "theirs.md").write_text("theirs", encoding="utf-8")
        real(folder)

    monkeypatch.setattr(outputs, "write_manifest", other_run_first)
    with pytest.raises(OutputExistsError), staged_folder(target) as staging:
        (staging / "mine.md").write_text("mine", encoding="utf-8")
    assert snapshot(target) == {"theirs.md": b"theirs"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


# --- item 2: every input is protected, whatever option names it -----------------------------------


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """Valid inputs of each kind, made once."""
    root = tmp_path_factory.mktemp("inputs")
    cases = root / "cases.csv"
    assert run("sample", "cases", "--rows", 40, "-o", cases).exit_code == ExitCode.OK
    kpi = root / "kpi.json"
    assert run("kpi", cases, "-o", kpi).exit_code == ExitCode.OK
    workbook = root / "checklist.xlsx"
    assert run("checklist", "export", "-o", workbook, "-s", "32168").exit_code == ExitCode.OK
    texts = {
        "findings.yaml": "format_version: 1\nfindings: []\n",
        "mapping.yaml": "columns: {}\n",
        "matters.csv": "matter,should_enter,entered\n营业执照,是,是\n",
        "calendar.yaml": "days:\n  - {date: 2026-10-08, workday: false}\n",
        "thresholds.yaml": "format_version: 1\nvalues: {on_time_rate: 0.9}\n",
    }
    for name, text in texts.items():
        (root / name).write_text(text, encoding="utf-8")
    profiles, templates = data_dir("profiles"), data_dir("templates")
    return {
        "centre": CENTRE,
        "scoring": profiles / "scoring.yaml",
        "kpi_profile": profiles / "kpi.yaml",
        "template": templates / "system" / "standard-system.yaml",
        "cases": cases,
        "kpi": kpi,
        "workbook": workbook,
        **{name.split(".")[0]: root / name for name in texts},
    }


# For each command with -o: the arguments it needs, and for each of its Path parameters the
# kind of valid file to give it. A new Path parameter fails the coverage test until listed here.
COMMANDS: dict[str, tuple[list[str], dict[str, str]]] = {
    "assess": (
        ["{file}", "-f", "json"],
        {
            "file": "centre",
            "profile": "scoring",
            "kpi_file": "kpi",
            "findings": "findings",
            "thresholds": "thresholds",
        },
    ),
    "checklist export": (["-s", "32168"], {"centre": "centre"}),
    "checklist import": (["{workbook}"], {"workbook": "workbook"}),
    "diff": (["{old}", "{new}", "-f", "json"], {"old": "centre", "new": "centre"}),
    "system propose": (["{centre}", "-f", "json"], {"centre": "centre", "template": "template"}),
    "system scaffold": (["{centre}"], {"centre": "centre", "template": "template"}),
    "batch": (["{folder}"], {"profile": "scoring"}),
    "forms render": (["受理通知书", "-f", "md"], {"data": "centre"}),
    "kpi": (
        ["{cases}", "-f", "json"],
        {
            "cases": "cases",
            "profile": "kpi_profile",
            "mapping": "mapping",
            "matters": "matters",
            "calendar": "calendar",
        },
    ),
}
# Inputs a command takes as text, not as a Path (kpi's CASES may be a Spark URI): the command
# protects them itself, and they are tested here like the Path ones.
TEXT_INPUTS = {"kpi": ["cases"]}
PACK_FOLDERS = {
    "standards_dir": DATA / "db99.yaml",
    "checks_dir": DATA / "db99-checks" / "db99.yaml",
}


def _path_parameters() -> dict[str, list[str]]:
    """Every command's Path parameters other than --output, read from the signatures."""

    def is_path(hint: object) -> bool:
        return hint is Path or any(is_path(a) for a in typing.get_args(hint))

    found = {}
    groups = [(None, app)] + [(g.name, g.typer_instance) for g in app.registered_groups]
    for group, typer_app in groups:
        for info in typer_app.registered_commands:
            function = getattr(info.callback, "__wrapped__", info.callback)
            name = info.name or function.__name__.replace("_", "-")
            hints = typing.get_type_hints(function, include_extras=True)
            params = [p for p, h in hints.items() if p not in ("output", "return") and is_path(h)]
            params += TEXT_INPUTS.get(name, [])
            if "output" in hints:
                found[f"{group} {name}" if group else name] = params
    return found


def test_every_command_with_an_output_is_in_the_protection_table():
    listed = {
        command: sorted([*kinds, *(p for p in PACK_FOLDERS if p in params)])
        for command, (_, kinds) in COMMANDS.items()
        for params in [_path_parameters().get(command, [])]
    }
    wanted = {
        command: sorted(params)
        for command, params in _path_parameters().items()
        if params and command not in ("sample centres", "sample cases")
    }
    assert listed == wanted


def _cases():
    for command, (argv, kinds) in COMMANDS.items():
        params = _path_parameters()[command]
        for param in params:
            yield pytest.param(command, argv, kinds, param, id=f"{command}:{param}")


@pytest.mark.parametrize(("command", "argv", "kinds", "param"), list(_cases()))
def test_no_input_is_overwritten_even_with_force(tmp_path, made, command, argv, kinds, param):
    """Point -o at the file one parameter reads (or, for a folder output, at its folder)."""
    folder = tmp_path / "in"
    folder.mkdir()
    values = {}
    for name, kind in kinds.items():
        values[name] = folder / f"{name}{made[kind].suffix}"
        shutil.copy(made[kind], values[name])
    shutil.copy(CENTRE, folder / "centre-a.yaml")
    words = {f"{{{name}}}": str(path) for name, path in values.items()}
    words["{folder}"] = str(folder)
    args = [*command.split(), *(words.get(a, a) for a in argv)]
    options = {
        name: path for name, path in values.items() if f"{{{name}}}" not in argv
    }  # not positional: give them as options
    flags = {"kpi_file": "--kpi"}
    for name, path in options.items():
        args += [flags.get(name, "--" + name.replace("_", "-")), str(path)]
    if param in PACK_FOLDERS:
        pack = tmp_path / param
        pack.mkdir()
        shutil.copy(PACK_FOLDERS[param], pack)
        (pack / "old.xlsx").write_bytes(b"the user's")
        args += ["--" + param.replace("_", "-"), str(pack)]
        if param == "checks_dir":  # checks for an unknown standard are refused before anything
            standards = tmp_path / "standards_for_checks"
            standards.mkdir()
            shutil.copy(PACK_FOLDERS["standards_dir"], standards)
            args += ["--standards-dir", str(standards)]
        victim = pack / "old.xlsx"
    else:
        victim = values[param]
    target = victim.parent if command == "system scaffold" else victim
    before = snapshot(tmp_path)
    result = run(*args, "-o", target, "--force")
    assert result.exit_code == ExitCode.INVALID_INPUT, result.output
    assert "输入文件" in result.stderr
    assert snapshot(tmp_path) == before


def test_output_onto_an_input_through_symlink_dotdot_or_hard_link_is_refused(tmp_path):
    source = tmp_path / "profile.yaml"
    source.write_text("keep", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "link.json").symlink_to(source)
    os.link(source, tmp_path / "hard.yaml")
    for spelled in (
        source,
        tmp_path / "sub" / ".." / "profile.yaml",
        tmp_path / "link.json",
        tmp_path / "hard.yaml",
    ):
        with pytest.raises(OutputInUseError):
            write_atomic(spelled, "report", protect=[source], force=True)
    assert source.read_text(encoding="utf-8") == "keep"


def test_batch_never_overwrites_a_file_it_read(tmp_path):
    folder = tmp_path / "centres"
    folder.mkdir()
    shutil.copy(CENTRE, folder / "a.yaml")
    (folder / "b.json").write_text("{}", encoding="utf-8")  # matched by the glob, read, invalid
    result = run("batch", f"{folder}/*", "-o", folder / "b.json", "--force", "--jobs", 1)
    assert result.exit_code == ExitCode.INVALID_INPUT and "输入文件" in result.stderr
    assert (folder / "b.json").read_text(encoding="utf-8") == "{}"


# --- item 3: exclusive creation ---------------------------------------------------------------


def test_of_two_runs_creating_the_same_file_the_second_is_refused(tmp_path, monkeypatch):
    target = tmp_path / "kpi.json"
    real_link = os.link

    def other_run_wins(source, destination):
        # The other run's file appears between our existence check and our link.
        Path(destination).write_text("the other run's", encoding="utf-8")
        real_link(source, destination)

    monkeypatch.setattr(os, "link", other_run_wins)
    result = run("init", "-o", target, "--lang", "en")
    assert result.exit_code == ExitCode.USAGE
    assert "exists; add --force" in result.stderr
    assert target.read_text(encoding="utf-8") == "the other run's"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kpi.json"]


@pytest.mark.parametrize("code", [errno.EPERM, errno.ENOTSUP, errno.EXDEV])
def test_without_hard_links_the_name_is_still_claimed_exclusively(tmp_path, monkeypatch, code):
    def no_links(source, destination):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "out.txt"
    write_atomic(target, "first")
    assert target.read_text(encoding="utf-8") == "first"
    real_open = os.open

    def appears(path, flags, mode=0o777, **kwargs):
        if Path(path).name == "second.txt":  # not mkstemp's own open
            Path(path).write_text("the other run's", encoding="utf-8")
        return real_open(path, flags, mode, **kwargs)

    monkeypatch.setattr(os, "open", appears)
    with pytest.raises(OutputExistsError):
        write_atomic(tmp_path / "second.txt", "mine")
    assert (tmp_path / "second.txt").read_text(encoding="utf-8") == "the other run's"
    assert leftovers(tmp_path) == []


# --- item 4: modes --------------------------------------------------------------------------------


def test_new_files_honour_the_umask_and_replaced_files_keep_their_mode(tmp_path, umask):
    new = tmp_path / "new.json"
    write_atomic(new, "x")
    assert new.stat().st_mode & 0o777 == 0o644
    umask(0o027)
    write_atomic(tmp_path / "group.json", "x")
    assert (tmp_path / "group.json").stat().st_mode & 0o777 == 0o640
    shared = tmp_path / "shared.json"
    shared.write_text("old", encoding="utf-8")
    shared.chmod(0o664)
    write_atomic(shared, "new", force=True)
    assert shared.stat().st_mode & 0o777 == 0o664 and shared.read_text(encoding="utf-8") == "new"


def test_new_folders_honour_the_umask_and_replaced_ones_keep_their_mode(tmp_path, umask):
    target = tmp_path / "drafts"
    assert run("system", "scaffold", CENTRE, "-o", target).exit_code == ExitCode.OK
    assert target.stat().st_mode & 0o777 == 0o755  # mkdtemp alone gives 0700
    assert (target / "README.md").stat().st_mode & 0o777 == 0o644
    target.chmod(0o750)
    assert run("system", "scaffold", CENTRE, "-o", target, "--force").exit_code == ExitCode.OK
    assert target.stat().st_mode & 0o777 == 0o750


def test_sample_cases_are_written_with_the_umask_mode(tmp_path, umask):
    path = tmp_path / "cases.csv"
    assert run("sample", "cases", "--rows", 5, "-o", path).exit_code == ExitCode.OK
    assert path.stat().st_mode & 0o777 == 0o644


# --- item 11: failed writes: one line, exit 3, old files intact, no temporary file ----------------


def _full_disk(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "report.json"
    target.write_text("old report", encoding="utf-8")
    monkeypatch.setattr(os, "fsync", _full_disk)
    result = run("assess", CENTRE, "-f", "json", "-o", target, "--force")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert result.stderr.strip().splitlines() == [f"错误: 无法写入 {target}：磁盘空间不足"]
    assert target.read_text(encoding="utf-8") == "old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]


def test_a_full_disk_keeps_the_old_folder(tmp_path, monkeypatch):
    target = tmp_path / "drafts"
    assert run("system", "scaffold", CENTRE, "-o", target).exit_code == ExitCode.OK
    before = snapshot(target)
    monkeypatch.setattr(Path, "write_bytes", _full_disk)
    result = run("system", "scaffold", CENTRE, "-o", target, "--force", "--lang", "en")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert result.stderr.strip().splitlines() == [
        f"error: cannot write {target}: No space left on device"
    ]
    assert snapshot(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["drafts"]


@pytest.mark.parametrize(
    "argv",
    [
        ["sample", "cases", "--rows", "5", "-o", "{out}/cases.csv"],
        ["sample", "centres", "-n", "3", "-o", "{out}/centres"],
        ["system", "scaffold", str(CENTRE), "-o", "{out}/drafts"],
        ["kpi", "{cases}", "-o", "{out}/kpi.json"],
    ],
    ids=["sample cases", "sample centres", "scaffold", "kpi"],
)
def test_a_read_only_folder_is_one_line_and_exit_3(tmp_path, monkeypatch, made, argv):
    out = tmp_path / "ro"
    out.mkdir()
    (out / "old.txt").write_text("old", encoding="utf-8")

    def read_only(real):
        def make(*args, **kwargs):
            folder = kwargs.get("dir")
            if folder is not None and Path(folder).resolve().is_relative_to(out.resolve()):
                raise OSError(errno.EROFS, os.strerror(errno.EROFS))
            return real(*args, **kwargs)

        return make

    for name in ("mkstemp", "mkdtemp"):
        monkeypatch.setattr(outputs.tempfile, name, read_only(getattr(outputs.tempfile, name)))
    words = {"{out}": str(out), "{cases}": str(made["cases"])}
    args = [a.replace("{out}", str(out)) if "{out}" in a else words.get(a, a) for a in argv]
    result = run(*args)
    assert result.exit_code == ExitCode.INVALID_INPUT, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "文件系统只读" in lines[0]
    assert snapshot(out) == {"old.txt": b"old"}


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_really_read_only_folder(tmp_path):
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o555)
    try:
        result = run("sample", "cases", "--rows", "5", "-o", out / "cases.csv")
        assert result.exit_code == ExitCode.INVALID_INPUT and "没有写入权限" in result.stderr
    finally:
        out.chmod(0o755)


def test_scaffold_into_a_path_below_a_file_is_one_line(tmp_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("keep", encoding="utf-8")
    result = run("system", "scaffold", CENTRE, "-o", blocker / "x")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert len(result.stderr.strip().splitlines()) == 1 and "不是目录" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_scaffold_never_replaces_the_working_folder(tmp_path, monkeypatch):
    target = tmp_path / "drafts"
    assert run("system", "scaffold", CENTRE, "-o", target).exit_code == ExitCode.OK
    before = snapshot(target)
    monkeypatch.chdir(target)
    result = run("system", "scaffold", CENTRE, "-o", ".", "--force", "--lang", "en")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "the folder you are working in" in result.stderr
    assert snapshot(target) == before and sorted(p.name for p in tmp_path.iterdir()) == ["drafts"]


def test_scaffold_fills_an_empty_working_folder_in_place(tmp_path, monkeypatch):
    here = tmp_path / "here"
    here.mkdir()
    inode = here.stat().st_ino
    monkeypatch.chdir(here)
    assert run("system", "scaffold", CENTRE, "-o", ".").exit_code == ExitCode.OK
    assert here.stat().st_ino == inode and (here / "README.md").is_file()
    assert Path.cwd().resolve() == here.resolve() and sorted(
        p.name for p in tmp_path.iterdir()
    ) == ["here"]


def test_force_never_replaces_a_device_or_fifo(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for special in (fifo, Path("/dev/null")):
        with pytest.raises(GbstdError, match=r"普通文件"):
            write_atomic(special, "report", force=True)
    assert fifo.exists() and not fifo.is_file() and Path("/dev/null").is_char_device()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_ctrl_c_mid_write_leaves_the_old_file_and_folder_and_no_temporary(tmp_path, monkeypatch):
    report = tmp_path / "report.json"
    report.write_text("old", encoding="utf-8")
    folder = tmp_path / "drafts"
    with staged_folder(folder) as staging:
        (staging / "a.md").write_text("old", encoding="utf-8")

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(report, "new", force=True)
    with pytest.raises(KeyboardInterrupt), staged_folder(folder, force=True) as staging:
        (staging / "a.md").write_text("new", encoding="utf-8")
        interrupted()
    assert report.read_text(encoding="utf-8") == "old"
    assert (folder / "a.md").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["drafts", "report.json"]


def test_sample_cases_below_a_file_is_one_line(tmp_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("keep", encoding="utf-8")
    result = run("sample", "cases", "--rows", 5, "-o", blocker / "sub" / "cases.csv")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert result.stderr.strip().splitlines() == [
        f"错误: 无法写入 {blocker / 'sub' / 'cases.csv'}：{blocker} 是文件，不是目录"
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
