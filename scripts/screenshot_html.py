"""Screenshot an HTML report (and optionally print it to an A4 PDF) with headless Chromium.

Usage:
    python scripts/screenshot_html.py report.html out.png [--width 1280] [--height 2400]
    python scripts/screenshot_html.py report.html out.png --pdf out.pdf

The browser runs with a fresh profile and with networking extras switched off, so what you see
is what a director sees when opening the file offline.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)


def find_chromium() -> str:
    """Return the path of a Chromium binary, or exit with how to install one."""
    for name in CANDIDATES:
        found = shutil.which(name) or (name if Path(name).is_file() else None)
        if found:
            return found
    sys.exit(
        "error: Chromium not found (looked for /usr/bin/chromium, chromium, chromium-browser, "
        "google-chrome).\nInstall it with: sudo apt-get install chromium"
    )


def run(browser: str, url: str, extra: list[str], out: Path) -> None:
    """Run headless Chromium once with a throwaway profile and check that ``out`` was written."""
    out.unlink(missing_ok=True)  # never mistake an old file for this run's output
    with tempfile.TemporaryDirectory(prefix="gbstd-chromium-") as profile:
        command = [browser, *FLAGS, f"--user-data-dir={profile}", *extra, url]
        try:
            done = subprocess.run(command, check=False, capture_output=True, text=True, timeout=120)
        except subprocess.TimeoutExpired:
            sys.exit(f"error: Chromium took longer than 120 s for {out}")
    if done.returncode != 0 or not out.is_file() or out.stat().st_size == 0:
        sys.exit(f"error: Chromium did not write {out} (exit {done.returncode}):\n{done.stderr}")
    print(f"wrote {out}")


def main(argv: list[str] | None = None) -> None:
    """Parse the arguments and take the screenshot (and the PDF when asked)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html", type=Path, help="the HTML file to render")
    parser.add_argument("png", type=Path, help="where to write the screenshot (PNG)")
    parser.add_argument("--width", type=int, default=1280, help="window width in px (1280)")
    parser.add_argument("--height", type=int, default=2400, help="window height in px (2400)")
    parser.add_argument("--pdf", type=Path, help="also print to this PDF (A4, as the page sets)")
    args = parser.parse_args(argv)

    if not args.html.is_file():
        sys.exit(f"error: {args.html} is not a file")
    browser = find_chromium()
    url = args.html.resolve().as_uri()
    png = args.png.resolve()
    png.parent.mkdir(parents=True, exist_ok=True)
    run(browser, url, [f"--screenshot={png}", f"--window-size={args.width},{args.height}"], png)
    if args.pdf:
        pdf = args.pdf.resolve()
        pdf.parent.mkdir(parents=True, exist_ok=True)
        run(browser, url, [f"--print-to-pdf={pdf}", "--no-pdf-header-footer"], pdf)


if __name__ == "__main__":
    main()
