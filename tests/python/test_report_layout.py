"""The report to hand on (issue 20, item 5): one colour per scenario on every chart, the
advisers' hours of every scenario, the state on the target date and at the end of the run,
the prefecture tile map of national runs, and --pdf without Chromium.

The charts are SVG images; a scenario's artists carry the id ``series-<label>`` and a
prefecture's tile ``tile-<code>``, so the tests read colours out of the page. Numbers are
checked against values computed here from the HDF5 file with h5py."""

import base64
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import h5py
import numpy as np
import pytest
from matplotlib import colormaps
from matplotlib.colors import to_hex
from scipy import stats

import analysis
from analysis.__main__ import main
from analysis.prefecture_tiles import TILES
from analysis.report_palette import COLOURS, Palette

TARGET = np.datetime64("2027-03-31")


def _dates(f):
    """The record dates of an open h5py file (ISO strings in /time/date)."""
    return np.array([d.decode() if isinstance(d, bytes) else d for d in f["time/date"][()]], dtype="datetime64[D]")


def _svgs(html):
    """(alt text, SVG text) of every chart of the page."""
    return [(alt, base64.b64decode(data).decode("utf-8"))
            for alt, data in re.findall(r'<img alt="([^"]*)" src="data:image/svg\+xml;base64,([^"]+)">', html)]


def _colours_by_id(svg, prefix):
    """id (without ``prefix``) -> set of fill and stroke colours drawn inside elements whose id
    starts with ``prefix``."""
    out = {}
    for el in ET.fromstring(svg).iter():
        gid = el.get("id", "")
        if gid.startswith(prefix):
            for sub in el.iter():
                for colour in re.findall(r"(?:fill|stroke):\s*(#[0-9a-fA-F]{6})", sub.get("style", "")):
                    out.setdefault(gid[len(prefix):], set()).add(colour.lower())
    return out


class _Tables(HTMLParser):
    """Every <table> of a page as a list of rows of cell texts (header row first)."""

    def __init__(self, html):
        super().__init__()
        self.tables, self._cell = [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.tables[-1][-1].append(self._cell.strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data


def _table_with(html, header):
    return next(t for t in _Tables(html).tables if t and header in t[0])


@pytest.fixture(scope="module")
def experiment(run_tsunagi, scenarios_dir, tmp_path_factory):
    """`tsunagi experiment` of the eight Oita variants, 2 replicates, and its report."""
    out = tmp_path_factory.mktemp("experiment") / "exp.h5"
    proc = run_tsunagi("experiment", scenarios_dir / "experiments" / "oita_strategies.toml", "-o", out,
                       "--replicates", "2", "--quiet")
    assert proc.returncode == 0, proc.stderr
    return out, analysis.build_html([out])


def test_each_variant_has_one_colour_on_every_chart(experiment):
    path, html = experiment
    with analysis.open_file(path) as e:
        variants = list(e.variant_names)
    seen = {}  # label -> [(chart, colours)]
    for alt, svg in _svgs(html):
        for label, colours in _colours_by_id(svg, "series-").items():
            seen.setdefault(label, []).append((alt, colours))
    assert set(seen) == set(variants)
    colour_of = {}
    for label, charts in seen.items():
        colours = set().union(*(c for _, c in charts))
        assert len(colours) == 1, (label, charts)  # the same colour in each chart
        colour_of[label] = colours.pop()
        names = {alt for alt, _ in charts}
        # coverage, state on the dates, hours, utilisation (and differences for all but the baseline)
        assert {"coverage of 基幹 over time", "coverage of 基幹 on the target date and at the end",
                "adviser hours by activity, each scenario", "adviser utilisation"} <= names, (label, names)
        assert ("difference in coverage" in names) == (label != variants[0])
    assert len(set(colour_of.values())) == len(variants)  # distinct
    assert colour_of[variants[0]] == COLOURS[0]  # the baseline first


def test_palette_keeps_colours():
    p = Palette(["a", "b"])
    assert p["a"] == COLOURS[0] and p["b"] == COLOURS[1]
    assert p["c"] == COLOURS[2] and p["a"] == COLOURS[0] and "c" in p and "d" not in p


def _complete_fy_sum(dates, x):
    """(R, T) flow -> sum over the fiscal years the records cover in full (a record on or before
    1 April of the year and one on or after 1 April of the next), mean over replicates. A flow
    recorded on day d covers the days before d, so FY y is the records 1 April y < d <= 1 April
    y + 1 (the first record holds no flow)."""
    keep = np.zeros(len(dates), dtype=bool)
    for y in range(2000, 2100):
        start, stop = np.datetime64(f"{y}-04-01"), np.datetime64(f"{y + 1}-04-01")
        if dates[0] <= start and dates[-1] >= stop:
            keep |= (dates > start) & (dates <= stop)
    return x[:, keep].sum(axis=1).mean()


def test_hours_of_every_variant(experiment):
    path, html = experiment
    table = _table_with(html, "visits (support)")
    head = table[0]
    rows = {r[0]: r for r in table[1:]}
    with h5py.File(path, "r") as f:
        names = [n.decode() if isinstance(n, bytes) else n for n in f["variants/name"][()]]
        dates = _dates(f)
        assert set(rows) == set(names)
        for col, series in (("visits (support)", "adviser_hours_visit"), ("travel", "adviser_hours_travel"),
                            ("not booked", "adviser_hours_idle"), ("available", "adviser_hours_available")):
            x = f[f"series/{series}"][()]  # (V, R, T)
            for v, name in enumerate(names):
                want = _complete_fy_sum(dates, x[v].astype(np.float64))
                assert rows[name][head.index(col)] == f"{want:,.0f}", (name, col)
    # The chart has a panel per variant, headed in its colour.
    chart = next(svg for alt, svg in _svgs(html) if alt == "adviser hours by activity, each scenario")
    assert set(_colours_by_id(chart, "series-")) == set(names)


def test_state_on_the_target_date_and_at_the_end(oita_pair):
    html = analysis.build_html(list(oita_pair))
    table = _table_with(html, "P(every municipality by the date)")
    head = table[0]
    got = {(r[0], r[1]): r for r in table[1:]}
    cov = {}
    with h5py.File(oita_pair[0], "r") as a, h5py.File(oita_pair[1], "r") as b:
        dates = _dates(a)
        t_target = int(np.flatnonzero(dates <= TARGET)[-1])
        for f in (a, b):
            cov[f.attrs["scenario_name"]] = f["series/kikan_coverage"][()].astype(np.float64)
    end = str(dates[-1])
    assert len(got) == 4
    for name, x in cov.items():
        for t, when in ((t_target, "2027-03-31 (the target)"), (len(dates) - 1, f"{end} (end of the run)")):
            row = got[(name, when)]
            assert row[head.index("coverage (mean %)")] == f"{x[:, t].mean() * 100:.1f}"
            assert row[head.index("95%")] == f"{np.quantile(x[:, t] * 100, 0.95):.1f}"
            # kikan coverage never falls: every municipality by the date <=> coverage 1 at its last record
            assert row[head.index("P(every municipality by the date)")] == f"{(x[:, t] == 1.0).mean():.0%}"
    # The variant's change on the last date, paired replicate by replicate.
    d = (cov["oita_on_request"] - cov["oita"])[:, -1] * 100
    half = stats.t.ppf(0.975, len(d) - 1) * d.std(ddof=1) / np.sqrt(len(d))
    lo, hi = d.mean() - half, d.mean() + half
    fmt = "{:+.1f}" if min(abs(d.mean()), abs(lo), abs(hi)) < 5 else "{:+.0f}"
    change = got[("oita_on_request", f"{end} (end of the run)")][head.index(
        "change from the baseline (percentage points, 95% interval)")]
    if half > 0:
        assert change == f"{fmt.format(d.mean())} [{fmt.format(lo)}, {fmt.format(hi)}]"
    # The chart names both dates.
    assert f"on the national target date, 2027-03-31 (left), and at the end of the run, {end} (right)" in html


def test_tile_positions():
    codes = [t[0] for t in TILES]
    assert codes == [f"{i:02d}" for i in range(1, 48)]
    assert len({(t[3], t[4]) for t in TILES}) == 47  # one tile per square
    pos = {t[0]: (t[3], t[4]) for t in TILES}
    assert pos["01"][0] == max(c for c, _ in pos.values()) and pos["01"][1] == 0  # Hokkaido top right
    assert pos["47"] == (0, max(r for _, r in pos.values()))  # Okinawa bottom left
    assert pos["13"][0] > pos["27"][0] > pos["40"][0]  # Tokyo east of Osaka east of Fukuoka


@pytest.fixture(scope="module")
def national(run_scenario, scenarios_dir, tmp_path_factory):
    return run_scenario(scenarios_dir / "national.toml", tmp_path_factory.mktemp("national") / "national.h5", 2)


def test_tile_map_of_a_national_run(national, oita_pair):
    html = analysis.build_html([national])
    assert "<h2>By prefecture</h2>" in html
    with h5py.File(national, "r") as f:
        dates = _dates(f)
        stage = f["series/kikan_stage"][()]  # (R, T, M)
        labels = [s.decode() if isinstance(s, bytes) else s for s in f["series/kikan_stage"].attrs["labels"]]
        codes = np.array([c.decode() if isinstance(c, bytes) else c for c in f["municipalities/code"][()]])
    est = labels.index("established")
    charts = dict(_svgs(html))
    cmap = colormaps["YlGnBu"]
    for day, t in ((TARGET, int(np.flatnonzero(dates <= TARGET)[-1])), (dates[-1], len(dates) - 1)):
        has = (stage[:, : t + 1, :] >= est).any(axis=1)  # a 基幹 by the day: established at a record up to it
        tiles = _colours_by_id(charts[f"基幹 by prefecture on {day}: national"], "tile-")
        assert set(tiles) == {f"{i:02d}" for i in range(1, 48)}
        with analysis.open_run(national) as run:
            table = analysis.report_map.prefecture_table(run, str(day))
        for pref in sorted(tiles):
            mask = np.char.startswith(codes, pref)
            coverage = has[:, mask].mean(axis=1).mean()
            assert table.loc[pref, "coverage"] == pytest.approx(coverage)
            assert table.loc[pref, "probability_all"] == pytest.approx(has[:, mask].all(axis=1).mean())
            assert table.loc[pref, "municipalities"] == mask.sum()
            assert tiles[pref] == {to_hex(cmap(coverage)), "#ffffff"}, pref  # fill, white edge
    assert "By prefecture" not in analysis.build_html([oita_pair[0]])  # one prefecture: no map


def test_pdf_without_chromium_exits_2_and_writes_nothing(oita_pair, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("shutil.which", lambda name, *a, **k: None)
    out = tmp_path / "report.html"
    assert main(["report", str(oita_pair[0]), "-o", str(out), "--pdf"]) == 2
    err = capsys.readouterr().err
    assert "Chromium" in err and "apt-get install chromium" in err and "nothing was written" in err
    assert list(tmp_path.iterdir()) == []
