"""The report as PDF: the HTML page printed by headless Chromium (`chromium --headless
--print-to-pdf`), with the page's print style sheet (A4, each section on a new page, no
fold-out blocks). No PDF library is needed; without Chromium there is no PDF, and
:func:`find_chromium` says so before anything is written.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

# Debian's package is `chromium`; other systems name the same browser differently.
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-pdf-header-footer", "--virtual-time-budget=10000")
TIMEOUT_S = 300  # a national report has about 20 charts; Chromium prints it in a few seconds


class ChromiumMissing(ValueError):
    """No headless Chromium to print with (bad usage: exit code 2)."""


def find_chromium() -> str:
    """The path of a Chromium on PATH, else :class:`ChromiumMissing` with what to do."""
    for name in NAMES:
        path = shutil.which(name)
        if path:
            return path
    raise ChromiumMissing("--pdf prints the report with headless Chromium, and none was found on PATH (looked for "
                          f"{', '.join(NAMES)}): install it (Debian: apt-get install chromium) or leave out --pdf; "
                          "nothing was written")


def print_pdf(html_path, pdf_path, chromium: str | None = None) -> None:
    """Prints the HTML file ``html_path`` to ``pdf_path`` with headless Chromium (a fresh
    profile in a temporary directory). Raises RuntimeError, with Chromium's last words, when
    it fails or writes no PDF."""
    chromium = chromium or find_chromium()
    html_path, pdf_path = Path(html_path).resolve(), Path(pdf_path)
    with tempfile.TemporaryDirectory(prefix="tsunagi-chromium-") as profile:
        proc = subprocess.run([chromium, *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf_path}",
                               html_path.as_uri()], capture_output=True, text=True, timeout=TIMEOUT_S)
    ok = pdf_path.is_file() and pdf_path.stat().st_size > 0 and pdf_path.read_bytes()[:5] == b"%PDF-"
    if proc.returncode != 0 or not ok:
        tail = "\n".join((proc.stderr or "").strip().splitlines()[-5:])
        raise RuntimeError(f"{chromium} did not print {html_path} to PDF (exit code {proc.returncode}): {tail}")
