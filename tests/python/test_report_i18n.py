"""The Japanese edition of the report (analysis/i18n.py, analysis/report_ja.py).

- The catalogue: every text the code passes to ``tr`` (found in the source, not by running it)
  and every label of the dictionaries charts and tables translate has a Japanese entry with the
  same ``{fields}``; no entry is left that nothing uses.
- The Japanese report of a comparison, of a run with case flows, of an experiment and of a
  sweep asks for no text the catalogue lacks, and shows no English outside data: the visible
  text of the page (and the images' alt text), minus what is marked translate="no", <pre> and
  <code>, holds no Latin word but identifiers (files, setting keys, snake_case names) and a
  few names (tsunagi, P(all), TOML, HTML, Sobol, Morris); so does every text drawn in its charts.
  The English report, checked the same way, is full of such words: the check can fail.
- Both editions give the same figures; ``--lang both`` writes both, each linking to the other.
"""

import ast
import re
import string
from html.parser import HTMLParser
from pathlib import Path

import pytest
from matplotlib.text import Text

from analysis import caseflow, compare, i18n, plots, report, workload
from analysis.report_ja import JA

ANALYSIS = Path(report.__file__).parent

# Texts translated through a variable: the values of the label dictionaries and the texts the
# code picks before passing them to tr.
LABELS = [*workload.ACTIVITY_LABELS.values(), *workload.IDLE_REASON_LABELS.values(), *caseflow.AGENCY_LABELS.values(),
          *caseflow.EXIT_LABELS.values(), *caseflow.NEED_LABELS.values(), *compare.STAGE_LABELS.values(),
          *plots.TITLES.values(), *report.NEVER_VISITED_REASONS.values(), *report.KINDS.values(),
          *report.ORIGINS.values(), *(w for _, w, _ in report.SOURCES), *(s for _, _, s in report.SOURCES),
          report.INSTITUTIONS, "main need", "agency it left from", "cases entered", "how it left",
          "first order S1 (alone)", "total ST (with interactions)"]


def _literals() -> dict[str, str]:
    """Every string literal passed as the first argument of tr(...) in analysis/, with its file."""
    found = {}
    for path in sorted(ANALYSIS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "tr" and node.args:
                arg = node.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.setdefault(arg.value, path.name)
    return found


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_catalogue_covers_every_text_with_the_same_fields():
    used = _literals()
    assert len(used) > 150  # the scan found the report's texts
    missing = sorted(f"{f}: {t!r}" for t, f in used.items() if t not in JA)
    assert not missing, "texts with no Japanese entry:\n" + "\n".join(missing)
    missing = sorted(t for t in LABELS if t not in JA)
    assert not missing, f"labels with no Japanese entry: {missing}"
    wrong = sorted(t for t, j in JA.items() if _fields(t) != _fields(j))
    assert not wrong, f"entries whose fields differ from the English: {wrong}"
    stale = sorted(t for t in JA if t not in used and t not in LABELS)
    assert not stale, f"entries nothing uses: {stale}"


def test_tr():
    assert i18n.tr("P {p:.0%}", p=0.25) == "P 25%"
    with i18n.language("ja"):
        assert i18n.current() == "ja"
        assert i18n.tr("FY{year}", year=2026) == "2026年度"
        i18n.clear_missing()
        assert i18n.tr("a text nobody translated") == "a text nobody translated"  # shown in English ...
        assert i18n.missing("ja") == {"a text nobody translated"}  # ... and recorded
        i18n.clear_missing()
    assert i18n.current() == "en"
    with pytest.raises(ValueError, match="expected one of en, ja"):
        with i18n.language("fr"):
            pass


# -- English that leaked into the Japanese edition -----------------------------------------------


class _Visible(HTMLParser):
    """The text a reader sees and the images' alt text, without elements marked translate="no",
    <pre>, <code>, <style> and <title> (which holds the scenario names)."""

    VOID = {"img", "br", "meta", "link", "hr", "input"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.skip, self.texts = [], 0, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "img" and a.get("alt") and not self.skip:
            self.texts.append(a["alt"])
        if tag in self.VOID:
            return
        skip = a.get("translate") == "no" or tag in ("pre", "code", "style", "script", "title")
        self.stack.append(skip)
        self.skip += skip

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.skip -= self.stack.pop()

    def handle_data(self, data):
        if not self.skip:
            self.texts.append(data)


# What may stay in Latin letters in Japanese text: identifiers and a few names.
ALLOWED = re.compile(r"""
    \S+\.(?:md|toml|h5|html|pdf)(?:\s§[A-Z][A-Za-z ]+)?     # a file, and a section of a document
  | \[\[[a-z_.]+\]\]                                        # a TOML table
  | [a-z_]+(?:\.[a-z_0-9*]+)+                               # a setting's key
  | [a-z0-9]+(?:_[a-z0-9]+)+                                # an identifier
  | tsunagi(?:\ run\ --parameters)?
  | (?<![A-Za-z])(?:P\(all\)|P|TOML|HTML|PDF|Sobol|Morris|S1|ST|mu|sigma)(?![A-Za-z])
""", re.X)
WORD = re.compile(r"[A-Za-z]{2,}")


def _english(texts, data=()) -> list[str]:
    """The texts that hold a Latin word once data (scenario names) and ALLOWED are taken out."""
    out = []
    for text in texts:
        for d in sorted(data, key=len, reverse=True):
            text = text.replace(d, " ")
        if WORD.search(ALLOWED.sub(" ", text)):
            out.append(text.strip()[:160])
    return out


def _page_texts(page: str) -> list[str]:
    p = _Visible()
    p.feed(page)
    return p.texts


@pytest.fixture(scope="module")
def inputs(oita_pair, cases_log_run, experiment_path, sweep_path):
    """name -> (files, the scenario names shown as data)."""
    return {"comparison": ([oita_pair[0], oita_pair[1]], ["oita", "oita_on_request"]),
            "cases": ([cases_log_run, oita_pair[0]], ["oita"]),
            "experiment": ([experiment_path], ["outreach", "on_request"]),
            "sweep": ([sweep_path], [])}


@pytest.mark.parametrize("name", ["comparison", "cases", "experiment", "sweep"])
def test_japanese_report_has_no_english_outside_data(inputs, name, monkeypatch):
    files, data = inputs[name]
    drawn = []
    original = report._img

    def spy(fig, alt):  # every text drawn in the page's charts, tick labels included
        fig.canvas.draw()
        drawn.extend(t.get_text() for t in fig.findobj(Text) if t.get_text())
        return original(fig, alt)

    monkeypatch.setattr(report, "_img", spy)
    i18n.clear_missing()
    page = report.build_html(files, "ja")
    assert i18n.missing("ja") == set()
    assert "<html lang='ja'>" in page
    assert _english(_page_texts(page), data) == []
    assert drawn and _english(drawn, data) == []
    if name != "sweep":
        assert "結論の要約" in page and "仮定とその出典" in page
    # The same check finds the English edition full of English: it can fail.
    drawn.clear()
    english = report.build_html(files, "en")
    assert len(_english(_page_texts(english), data)) > 20
    assert len(_english(drawn, data)) >= 4


def test_both_editions_give_the_same_figures(oita_pair):
    en = report.build_html([oita_pair[0], oita_pair[1]], "en")
    ja = report.build_html([oita_pair[0], oita_pair[1]], "ja")
    bold = re.compile(r"<b>([-+]?\d+%?)")
    figures = bold.findall(en)
    assert len(figures) >= 4  # coverage, P(every), per scenario, and the paired change
    assert bold.findall(ja) == figures
    cells = re.compile(r'<td class="num">([^<]*)</td>')
    assert cells.findall(ja) == cells.findall(en)


def test_lang_both_writes_two_linked_editions(oita_pair, tmp_path):
    from analysis.__main__ import main

    out = tmp_path / "report.html"
    assert main(["report", str(oita_pair[0]), str(oita_pair[1]), "-o", str(out), "--lang", "both"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "report.ja.html"]  # no temporary left
    en, ja = out.read_text(encoding="utf-8"), (tmp_path / "report.ja.html").read_text(encoding="utf-8")
    assert "<html lang='en'>" in en and "<html lang='ja'>" in ja
    assert "This report in <a href='report.ja.html' hreflang='ja' lang='ja' translate=\"no\">日本語</a>" in en
    assert "この報告書の<a href='report.html' hreflang='en' lang='en' translate=\"no\">English</a>版" in ja
    # One language: one file, no link.
    one = tmp_path / "one" / "r.html"
    one.parent.mkdir()
    assert main(["report", str(oita_pair[0]), "-o", str(one), "--lang", "ja"]) == 0
    assert [p.name for p in one.parent.iterdir()] == ["r.html"]
    assert "<html lang='ja'>" in one.read_text(encoding="utf-8") and "href=" not in one.read_text(encoding="utf-8")


def test_unknown_language_is_refused(oita_pair, tmp_path, capsys):
    from analysis.__main__ import main

    with pytest.raises(SystemExit) as e:
        main(["report", str(oita_pair[0]), "-o", str(tmp_path / "r.html"), "--lang", "fr"])
    assert e.value.code == 2
    assert "invalid choice: 'fr'" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ValueError, match="expected one of en, ja or both"):
        report.write_report([oita_pair[0]], tmp_path / "r.html", lang="fr")
