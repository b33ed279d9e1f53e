"""gbstd batch stopped by a signal: no worker outlives it, no temporary file is left behind.

Real processes: `python -m gbstd batch` on a few thousand sample centres, stopped once its
workers run. Every wait is bounded, so a regression fails the test instead of hanging CI.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/stat").exists(), reason="reads processes from /proc (Linux)"
)

WORKERS = 2


def status(pid):
    """(state, ppid) of a process from /proc, or None once it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    state, ppid = text[text.rindex(")") + 2 :].split()[:2]  # the name may hold spaces
    return state, int(ppid)


def children(pid):
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            info = status(entry.name)
            if info is not None and info[1] == pid:
                found.append(int(entry.name))
    return found


def running(pid):
    info = status(pid)
    return info is not None and info[0] not in {"Z", "X"}  # a zombie has ended


def wait_until(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"not within {seconds} s: {what}")
        time.sleep(0.05)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """300 sample centres (made by the CLI, as a user would), hard-linked ten times over."""
    root = tmp_path_factory.mktemp("signals")
    sample = root / "sample"
    subprocess.run(
        [sys.executable, "-m", "gbstd", "sample", "centres", "-n", "300", "-o", str(sample)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    centres = root / "centres"
    for copy in range(10):
        (centres / f"{copy:02d}").mkdir(parents=True)
        for path in sample.iterdir():
            os.link(path, centres / f"{copy:02d}" / path.name)
    return centres


def start_batch(folder, tmp_path):
    """Start a batch to a workbook; return it, its workers and its private TMPDIR."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    output = tmp_path / "out" / "summary.xlsx"
    output.parent.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "gbstd", "batch", str(folder), "-o", str(output)]
        + ["--jobs", str(WORKERS), "--lang", "en"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "TMPDIR": str(temporary)},
        start_new_session=True,  # its own process group, as a terminal would give it
    )
    try:
        wait_until(
            lambda: len(children(process.pid)) >= WORKERS or process.poll() is not None,
            90,
            "the batch started its workers",
        )
        time.sleep(0.5)  # let them take some files
        assert process.poll() is None, "the batch ended before it could be stopped"
        workers = children(process.pid)
        assert len(workers) >= WORKERS
        # The workbook's first sheet is being written: openpyxl's temporary file exists.
        assert [p.name for p in temporary.iterdir() if p.name.startswith("openpyxl.")]
    except BaseException:
        process.kill()
        process.communicate(timeout=30)
        raise
    return process, workers, temporary, output


def assert_nothing_left(process, workers, temporary, output):
    wait_until(lambda: not any(running(w) for w in workers), 10, "the workers ended")
    # Nobody holds the caller's pipes any more: reading them to the end returns.
    stdout, stderr = process.communicate(timeout=10)
    assert not output.exists()
    assert list(output.parent.iterdir()) == []  # no atomic-write temporary file either
    return stdout.decode(), stderr.decode()


def test_sigkill_of_the_parent_ends_its_workers(folder, tmp_path):
    process, workers, temporary, output = start_batch(folder, tmp_path)
    process.kill()
    process.wait(timeout=10)
    assert_nothing_left(process, workers, temporary, output)
    # (openpyxl's temporary file cannot be removed by a process killed outright.)


@pytest.mark.parametrize(
    ("signum", "to_group", "code"),
    [
        (signal.SIGTERM, False, 143),
        (signal.SIGTERM, True, 143),  # as a service manager stops a whole group
        (signal.SIGINT, True, 130),  # Ctrl-C: the terminal signals the whole process group
        (signal.SIGINT, False, 130),
    ],
)
def test_sigterm_and_ctrl_c_stop_cleanly(folder, tmp_path, signum, to_group, code):
    process, workers, temporary, output = start_batch(folder, tmp_path)
    if to_group:
        os.killpg(process.pid, signum)
    else:
        process.send_signal(signum)
    try:
        process.wait(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
    stdout, stderr = assert_nothing_left(process, workers, temporary, output)
    assert process.returncode == code, stderr
    assert stdout == ""
    assert stderr.strip() == "interrupted", stderr  # one line: no traceback, no "ignored"
    assert list(temporary.iterdir()) == []  # openpyxl's temporary file removed
