"""The report in a real browser (Debian's headless Chromium), in English and in Japanese, with and
without case flows: every chart image loads, the page logs no console error, its language and
sections are the ones asked for, and a screenshot is saved (to the test's tmp_path).

No browser-automation library is used: the test injects a small probe script into a copy of
the report (the report itself has no script) that records each image's state, uncaught
errors and console.error calls into a <pre id="probe"> once the page has loaded; Chromium's
--dump-dom prints the DOM after load. The unmodified report is then screenshotted, and
Chromium's own log (--enable-logging=stderr) must hold no CONSOLE line. The report is also
printed to PDF (--pdf, and the print style sheet on a test page); pages are counted in the
PDF's page objects."""

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

import analysis

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
         "--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000"]

PROBE = """<script>
window.__errors = [];
window.addEventListener('error', e => window.__errors.push(String(e.message || e.type)), true);
const __ce = console.error;
console.error = (...a) => { window.__errors.push(a.join(' ')); __ce.apply(console, a); };
window.addEventListener('load', () => {
  const imgs = [...document.images].map(i => ({alt: i.alt, complete: i.complete, w: i.naturalWidth}));
  const h2 = [...document.querySelectorAll('h2')].map(h => h.innerText);
  const p = document.createElement('pre');
  p.id = 'probe';
  p.textContent = JSON.stringify({images: imgs, errors: window.__errors, lang: document.documentElement.lang, h2: h2});
  document.body.appendChild(p);
});
</script>"""

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).is_file(),
                                reason=f"{CHROMIUM} not found: install Debian's chromium (tools/setup.sh does)")


def _chromium(*args, timeout=120):
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True,
                              text=True, timeout=timeout)


def _console_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line]


# (language, with case flows): the English and the Japanese edition, of a comparison of two
# runs without case flows, and of one with case flows against one without.
EDITIONS = [("en", False), ("ja", False), ("en", True), ("ja", True)]


@pytest.fixture(scope="module", params=EDITIONS, ids=[f"{lang}-{'cases' if c else 'nocases'}" for lang, c in EDITIONS])
def edition(request, oita_pair, cases_log_run, tmp_path_factory):
    lang, cases = request.param
    out = tmp_path_factory.mktemp("report") / f"report.{lang}.html"
    analysis.write_report([cases_log_run, oita_pair[0]] if cases else [oita_pair[0], oita_pair[1]], out, lang=lang)
    return out, lang, cases


@pytest.fixture(scope="module")
def report(edition):
    return edition[0]


def test_every_image_loads_without_console_errors(edition, tmp_path):
    report, lang, cases = edition
    probed = tmp_path / "probed.html"
    probed.write_text(report.read_text(encoding="utf-8").replace("<head>", "<head>" + PROBE, 1), encoding="utf-8")
    proc = _chromium("--dump-dom", probed.as_uri())
    assert proc.returncode == 0, proc.stderr[-2000:]
    m = re.search(r'<pre id="probe">(.*?)</pre>', proc.stdout, re.S)
    assert m, f"the probe did not run; DOM tail: {proc.stdout[-500:]}"
    state = json.loads(m.group(1).replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))
    assert len(state["images"]) >= 6
    bad = [i for i in state["images"] if not i["complete"] or i["w"] <= 0]
    assert not bad, f"images that did not load: {bad}"
    assert state["errors"] == []
    assert _console_lines(proc.stderr) == []
    # The page as the browser read it: its language, and its sections in that language.
    assert state["lang"] == lang
    headline, cases_heading = {"en": ("The answer in brief", "People's cases: waiting, lost, and where they go"),
                               "ja": ("結論の要約", "人々のケース：待機、喪失、行き先")}[lang]
    assert headline in state["h2"]
    assert (cases_heading in state["h2"]) == cases


def test_screenshot(report, tmp_path):
    shot = tmp_path / "report.png"
    proc = _chromium(f"--screenshot={shot}", "--window-size=1280,2000", report.as_uri())
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert _console_lines(proc.stderr) == []
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000  # a rendered page, not a blank one
    print(f"screenshot: {shot}")


def _pdf_pages(data: bytes) -> int:
    """Pages of a PDF written by Chromium (Skia writes each page object uncompressed)."""
    assert data[:5] == b"%PDF-"
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


def test_pdf_command(oita_pair, tmp_path):
    from analysis.__main__ import main

    out = tmp_path / "report.html"
    assert main(["report", str(oita_pair[0]), str(oita_pair[1]), "-o", str(out), "--pdf"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "report.pdf"]  # no temporary left
    sections = out.read_text(encoding="utf-8").count("<h2>")
    # Each section starts a page (print style sheet), so there are at least as many pages.
    assert sections >= 6 and _pdf_pages((tmp_path / "report.pdf").read_bytes()) >= sections


def test_print_layout(tmp_path):
    """The report's print style sheet in Chromium's print: every section (h2) but the first
    starts a new page, and fold-out blocks (<details>, the full scenario TOML) are left out."""
    from analysis.report import CSS
    from analysis.report_pdf import print_pdf

    long = "\n".join(f"line {i}" for i in range(400))  # several pages if it were printed
    sections = "".join(f"<h2>Section {i}</h2><p>One short paragraph.</p>" for i in range(5))
    page = tmp_path / "page.html"
    page.write_text(f"<!DOCTYPE html><html><head><meta charset='utf-8'><style>{CSS}</style></head><body>"
                    f"<h1>Title</h1>{sections}<details open><summary>TOML</summary><pre>{long}</pre></details>"
                    "<p class='print-only'>printed only</p></body></html>", encoding="utf-8")
    print_pdf(page, tmp_path / "page.pdf")
    assert _pdf_pages((tmp_path / "page.pdf").read_bytes()) == 5
    # The same page without the print rules fits the five short sections on fewer pages, so
    # the count above is the style sheet's doing.
    plain = tmp_path / "plain.html"
    plain.write_text(page.read_text(encoding="utf-8").replace(CSS, ""), encoding="utf-8")
    print_pdf(plain, tmp_path / "plain.pdf")
    assert _pdf_pages((tmp_path / "plain.pdf").read_bytes()) > 5  # the fold-out block printed
