"""The wheel carries the bundled data, and an installed gbstd works from any directory."""

import site
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(dist),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = dist.glob("gbstd-*.whl")
    return built


def test_wheel_contains_every_bundled_data_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("standards", "checklists", "profiles", "templates", "examples"):
        for path in (REPO / folder).rglob("*"):
            if path.is_file() and not path.name.startswith("."):
                assert f"gbstd/data/{path.relative_to(REPO).as_posix()}" in names, path


def test_installed_wheel_lists_standards_from_another_directory(wheel, tmp_path):
    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    # Dependencies come from the running interpreter's site-packages so the test needs no network;
    # only their directories are added (not their .pth files), so an editable gbstd stays hidden.
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(purelib, "_deps.pth").write_text(
        "\n".join(site.getsitepackages()) + "\n", encoding="utf-8"
    )
    subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [str(env / "bin" / "gbstd"), "standards", "list", "--all", "--format", "json"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "GB/T 32169.4-2015" in result.stdout and "GB/T 36112-2018" in result.stdout
    located = subprocess.run(
        [str(python), "-c", "from gbstd.io.bundled import data_dir; print(data_dir('standards'))"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(located).is_relative_to(Path(purelib)), located
