"""One self-contained HTML page that a policy officer reads without training.

    /usr/bin/python3 -m analysis report out/oita.h5 out/oita_on_request.h5 -o report.html

Inputs: one run file (a single scenario), several run files (a comparison; the first is the
baseline), an experiment file (its variants, baseline first) and sweep files (a sensitivity
section). The page answers, in this order: what was simulated; the headline (coverage of
基幹相談支援センター on the national target date 2027-03-31, the probability that every
municipality has one, which municipalities are at risk, what the compared strategies
change); charts with plain-language captions; the assumptions and where they come from;
and, at the end, provenance (tsunagi version, commit, scenario, seed). Charts are SVG
images embedded as base64 data, so the file opens anywhere without network access and prints
sharp. The page holds no script. Each scenario has one colour on every chart
(report_palette.py); a print style sheet starts each section on a new page, and
``write_report(..., pdf=...)`` prints the page to PDF with headless Chromium (report_pdf.py).
"""

from __future__ import annotations

import base64
import html
import io
import os
import tempfile
import tomllib
from datetime import datetime, timezone

import numpy as np
import pandas as pd

from . import caseflow, compare, report_charts, report_map, sources, visits, workload
from .experiment import ExperimentFile
from .i18n import LANGUAGE_NAMES, LANGUAGES, current, language, tr
from .load import open_file, provenance
from .plots import plt
from .report_palette import Palette
from .sweep import SweepFile

TARGET = compare.TARGET_DATE

CSS = """
body{font-family:"Noto Sans CJK JP","Noto Sans JP","Hiragino Sans","Yu Gothic",sans-serif;max-width:1080px;
margin:2em auto;padding:0 1.2em;color:#222;line-height:1.55}
h1{font-size:1.7em;margin-bottom:.2em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}
.headline{background:#f3f7fb;border-left:6px solid #2a6f9f;padding:.8em 1.2em;font-size:1.08em}
.risk{color:#c0392b;font-weight:bold}
figure{margin:1.5em 0}figure img{max-width:100%;height:auto;border:1px solid #eee}
figcaption{color:#444;font-size:.95em;margin-top:.3em}
table{border-collapse:collapse;margin:.8em 0;font-size:.93em}td,th{border:1px solid #ccc;padding:.25em .6em;
text-align:left}th{background:#f4f4f4}td.num{text-align:right}
details pre{background:#f8f8f8;padding:1em;overflow-x:auto;font-size:.8em;max-height:30em}
.note{color:#555;font-size:.92em}
.print-only{display:none}
@page{size:A4;margin:14mm 12mm}
@media print{
body{max-width:none;margin:0;padding:0;font-size:10pt;line-height:1.4}
h2{break-before:page;page-break-before:always}h2:first-of-type{break-before:auto;page-break-before:auto}
figure,table,.headline,tr{break-inside:avoid;page-break-inside:avoid}h2,h3{break-after:avoid;page-break-after:avoid}
figure img{border:none;max-height:23cm;width:auto}
details{display:none}.print-only{display:block}
.headline{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"""

INSTITUTIONS = ("基幹相談支援センター (core consultation support centre), 地域生活支援拠点等 (community life "
                "support base), (自立支援)協議会 (council) and 重層的支援体制整備事業 (multi-layered support system)")


def _e(text) -> str:
    return html.escape(str(text))


NO = ' translate="no"'  # an element's attribute: its content is data, shown as it is


def _d(text) -> str:
    """A datum shown as it is in either language (a scenario, file or setting name): escaped
    and marked translate="no" (i18n.py)."""
    return f'<span translate="no">{_e(text)}</span>'


def _img(fig, alt: str) -> str:
    """The figure as an <img> with base64 SVG data (then closed). Text is drawn as paths, so
    the image needs no font where it is opened; a scenario's artists carry its id
    (report_palette.series_gid)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", dpi=96, bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return f'<img alt="{_e(alt)}" src="data:image/svg+xml;base64,{data}">'


def _figure(fig, alt: str, caption: str) -> str:
    return f"<figure>{_img(fig, alt)}<figcaption>{caption}</figcaption></figure>"


def _table(df: pd.DataFrame, formats: dict | None = None, index: bool = True, raw=()) -> str:
    """An HTML table of ``df``. ``raw``: the columns (and the index, by its name or "") whose
    cells are data shown as they are (translate="no"); other cells are numbers or text already
    in the report's language."""
    formats = formats or {}
    raw = set(raw)
    cols = ([df.index.name or ""] if index else []) + [str(c) for c in df.columns]
    rows = []
    for key, row in df.iterrows():
        attr = NO if (df.index.name or "") in raw else ""
        cells = [f"<td{attr}>{_e(key)}</td>"] if index else []
        for c in df.columns:
            v = row[c]
            if c in formats and isinstance(v, (int, float, np.number)) and not pd.isna(v):
                cells.append(f'<td class="num">{formats[c](v)}</td>')
            else:
                cells.append(f"<td{NO if c in raw else ''}>{_e(v)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    head = "".join(f"<th>{_e(c)}</th>" for c in cols)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _scenario(run) -> dict:
    try:
        return tomllib.loads(run.attrs.get("scenario_toml", "") or "")
    except tomllib.TOMLDecodeError:
        return {}


def _advisers(sc: dict) -> str:
    """Plain description of the adviser set-up of a resolved scenario (HTML)."""
    a = sc.get("advisers", {})
    count = sum(t.get("count", 0) for t in a.get("team", [])) or a.get("count", 0)
    text = tr("{count} advisers, {hours} hours a month each, deployed by {strategy}", count=count,
              hours=f"{a.get('hours_per_month', 0):g}", strategy=_d(a.get("strategy", "?")))
    for ch in a.get("change", []):
        n = sum(t.get("count", 0) for t in ch.get("team", []))
        strategy = _d(ch.get("strategy", a.get("strategy")))
        text += (tr("; from {date} {strategy} with {n} advisers", date=ch.get("date"), strategy=strategy, n=n) if n
                 else tr("; from {date} {strategy}", date=ch.get("date"), strategy=strategy))
    return text


def _covers_target(run) -> bool:
    return run.dates[0] <= pd.Timestamp(TARGET) <= run.dates[-1]


def _label(run) -> str:
    """A run's scenario label as data (HTML)."""
    return _d(compare.scenario_label(run))


# -- sections ----------------------------------------------------------------------------------


def _what(runs, sweeps) -> str:
    items = []
    for run in runs:
        sc = _scenario(run)
        s = sc.get("scenario", {})
        title = run.attrs.get("scenario_title") or s.get("title") or compare.scenario_label(run)
        items.append(
            f"<li><b>{_label(run)}</b>" + tr(": ") + _d(title) + tr(". ")
            + tr("{m} municipalities, {start} to {end}, {n} replicates (simulated futures with different chance "
                 "events).", m=len(run.municipalities), start=run.dates[0].date(), end=run.dates[-1].date(),
                 n=len(run.replicates))
            + " " + _advisers(sc) + tr(".")
            + (" " + tr("Has case flows (households' cases moving between agencies).") if caseflow.has_cases(run)
               else "")
            + "</li>")
    for sw in sweeps:
        items.append(f"<li><b>{_d(sw.attrs.get('sweep_name', sw.path))}</b>" + tr(": ")
                     + tr("a parameter sweep, {n} points ({design} design) over {k} parameters.", n=len(sw.design),
                          design=_d(sw.attrs.get("design", "?")), k=len(sw.parameters)) + "</li>")
    return ("<h2>" + tr("What was simulated") + "</h2><p>"
            + tr("tsunagi simulates how municipalities build the support system for people with disabilities "
                 "({institutions}) and how the prefecture's advisers help them. Each scenario was run many times "
                 "with different chance events (staff changes, budget decisions, who asks for help); the spread "
                 "over these runs is the uncertainty shown below.", institutions=tr(INSTITUTIONS))
            + f"</p><ul>{''.join(items)}</ul>")


def _headline(runs, paired: dict) -> str:
    if not runs:
        return ""
    base = runs[0]
    out = ["<h2>" + tr("The answer in brief") + "</h2><div class='headline'>"]
    if not _covers_target(base):
        out.append("<p>" + tr("The runs cover {start} to {end}, so the national target date {target} is outside "
                              "them: no probability of meeting it can be given.", start=base.dates[0].date(),
                              end=base.dates[-1].date(), target=TARGET) + "</p></div>")
        return "".join(out)
    t = compare.target_table(runs)
    m = len(base.municipalities)
    titles = {compare.scenario_label(r): r.attrs.get("scenario_title") for r in runs}
    for label, row in t.iterrows():
        k = int(round(row["probability_all"] * row["replicates"]))
        title = titles.get(label)
        named = f"<b>{_d(label)}</b>" + (f" ({_d(title)})" if title and title != label else "")
        out.append("<p>" + tr(
            "{named}: by {target} (the national target: a 基幹相談支援センター in every municipality), on average "
            "<b>{mean:.0f}%</b> of the {m} municipalities have one (in 9 of 10 simulated futures between {p05:.0f}% "
            "and {p95:.0f}%). Probability that <b>every</b> municipality has one: <b>{p:.0%}</b> ({k} of {n} runs).",
            named=named, target=TARGET, mean=row["coverage_mean"], m=m, p05=row["coverage_p05"],
            p95=row["coverage_p95"], p=row["probability_all"], k=k, n=int(row["replicates"])) + "</p>")
    risky = compare.at_risk(base)
    if len(risky):
        names = tr(", ").join(f"{_d(r['name'])} ({r['probability']:.0%})" for _, r in risky.head(15).iterrows())
        more = tr(" and {n} more", n=len(risky) - 15) if len(risky) > 15 else ""
        out.append("<p class='risk'>" + tr(
            "At risk of missing the target under {base} (a 基幹 by {target} in fewer than {threshold:.0%} of the runs; "
            "the chance in brackets): {names}{more}.", base=_label(base), target=TARGET,
            threshold=compare.RISK_THRESHOLD, names=names, more=more) + "</p>")
    else:
        out.append("<p>" + tr("No municipality is at risk under {base}: each has a 基幹 by {target} in at least "
                              "{threshold:.0%} of the runs.", base=_label(base), target=TARGET,
                              threshold=compare.RISK_THRESHOLD) + "</p>")
    for run in runs[1:]:
        if not any(k.startswith(f"{compare.scenario_label(run)} minus") for k in paired):
            out.append("<p class='note'>" + tr(
                "{run} was run with a different seed or different replicates from the baseline, so its futures "
                "cannot be paired: compare the charts side by side.", run=_label(run)) + "</p>")
    for label, d in paired.items():
        row = d.loc[d.index[d.index <= pd.Timestamp(TARGET)][-1]]
        if pd.isna(row["lower"]):
            interval = tr("(one run only: no interval)")
        elif row["lower"] == row["upper"] == row["mean"] == 0:
            interval = tr("(the same in every paired future: the change does not reach this date)")
        else:
            interval = tr("(95% interval {lower} to {upper})", lower=_pp(row["lower"]), upper=_pp(row["upper"]))
        out.append("<p>" + tr("{difference}: coverage on {target} changes by <b>{change} percentage points</b> "
                              "{interval}, comparing the same simulated futures.", difference=_difference(label),
                              target=TARGET, change=_pp(row["mean"]), interval=interval) + "</p>")
    out.append("</div>")
    return "".join(out)


def _difference(key: str) -> str:
    """A paired difference's key, "<variant> minus <baseline>", in the report's language (HTML)."""
    variant, _, base = key.partition(" minus ")
    return tr("{variant} minus {base}", variant=_d(variant), base=_d(base)) if base else _d(key)


def _difference_text(key: str) -> str:
    """The same as plain text, for a chart's legend."""
    variant, _, base = key.partition(" minus ")
    return tr("{variant} minus {base}", variant=variant, base=base) if base else key


def _pp(fraction: float, decimal: bool | None = None) -> str:
    """A difference of fractions in percentage points: whole points, or one decimal below 5
    points (or with ``decimal``), so that a small effect does not read as +0."""
    v = fraction * 100
    return f"{v:+.1f}" if (decimal if decimal is not None else abs(v) < 5) else f"{v:+.0f}"


def _distinct_labels(runs) -> None:
    """Runs of one scenario made with different --set share its name: label each by its
    file as well, so legends and tables tell them apart."""
    labels = [compare.scenario_label(r) for r in runs]
    for run, label in zip(runs, labels):
        if labels.count(label) > 1 and not hasattr(run, "variant_names") and hasattr(run, "attrs"):
            run.attrs["scenario_name"] = f"{label} ({os.path.basename(str(run.path))})"


def _paired(runs, experiment: ExperimentFile | None) -> tuple[dict, dict]:
    """(label -> paired difference of kikan_coverage against the baseline (runs[0]), label ->
    the scenario it is the difference of)."""
    out, series = {}, {}
    if experiment is not None and "kikan_coverage_mean" in experiment._file.get("differences", {}):
        d = experiment.differences("kikan_coverage")
        for v in experiment.variant_names[1:]:
            key = f"{v} minus {experiment.baseline}"
            out[key] = d[d.variant == v].set_index("date")[["mean", "lower", "upper"]]
            series[key] = v
        return out, series
    for run in runs[1:]:
        key = f"{compare.scenario_label(run)} minus {compare.scenario_label(runs[0])}"
        try:
            out[key] = compare.paired_difference(runs[0], run, "kikan_coverage")
            series[key] = compare.scenario_label(run)
        except ValueError:
            pass  # different seeds or replicates: no pairing, the coverage chart still compares them
    return out, series


def _bands_sentence(runs) -> str:
    """What the bands cover: chance only, or also the fitted parameters' uncertainty."""
    drawn = [compare.scenario_label(r) for r in runs if getattr(r, "bands_cover", "chance") != "chance"]
    if not drawn:
        return tr("The band covers chance only: every simulated future uses the same fitted parameter values, so "
                  "the uncertainty of those values is not in it.")
    if len(drawn) == len(runs):
        return tr("The band covers chance and parameters: each simulated future drew its own values of the fitted "
                  "parameters from the calibration (tsunagi run --parameters).")
    return tr("The bands differ in what they cover: {drawn} drew the fitted parameters for each simulated future "
              "(chance and parameters); the others cover chance only.", drawn=tr(", ").join(_d(d) for d in drawn))


def _coverage_section(runs, paired, series, palette) -> str:
    parts = ["<h2>" + tr("Coverage over time") + "</h2>"]
    names = tr(", ").join(_label(r) for r in runs)
    parts.append(_figure(
        compare.coverage_chart(runs, colours=palette), tr("coverage of 基幹 over time"),
        tr("Share of municipalities with a 基幹相談支援センター, month by month ({names}). The line is the average "
           "over the simulated futures; the shaded band holds 9 of 10 of them (5% to 95%). The dashed line is the "
           "national target date, {target}. ", names=names, target=TARGET) + _bands_sentence(runs)))
    if paired:
        shown = {_difference_text(k): v for k, v in paired.items()}
        parts.append(_figure(
            compare.difference_chart(shown, colours=palette,
                                     series={_difference_text(k): v for k, v in series.items()}),
            tr("difference in coverage"),
            tr("How much each compared strategy changes the share of municipalities with a 基幹, in percentage "
               "points, against the baseline. Each simulated future is compared with its twin under the baseline "
               "(same chance events), so the band (95% interval of the average) shows how sure the difference is. "
               "Below zero: fewer municipalities covered than under the baseline.")))
    for run in runs[:3]:
        if "kikan_stage" in run.series_names() and _covers_target(run):
            parts.append(_figure(
                compare.establishment_chart(run), tr("基幹 stages of {run}", run=compare.scenario_label(run)),
                tr("<b>{run}</b>: where each municipality stands on its way to a 基幹, month by month (the typical "
                   "run: median stage). Green: a 基幹 exists. Names marked ★ in red are at risk of missing {target}.",
                   run=_label(run), target=TARGET)))
    return "".join(parts)


def _at(d: pd.DataFrame, day) -> pd.Series | None:
    """The row of a paired difference (by date) for the state on ``day``: its last record on or
    before it."""
    on = d.index[d.index <= pd.Timestamp(day)]
    return d.loc[on[-1]] if len(on) else None


def _interval(row) -> str:
    if row is None:
        return ""
    if pd.isna(row["lower"]):
        return tr("{change} (one run: no interval)", change=_pp(row["mean"]))
    if row["lower"] == row["upper"] == row["mean"] == 0:
        return tr("±0 (the same in every paired future)")
    decimal = min(abs(row["mean"]), abs(row["lower"]), abs(row["upper"])) * 100 < 5  # one format per interval
    return f"{_pp(row['mean'], decimal)} [{_pp(row['lower'], decimal)}, {_pp(row['upper'], decimal)}]"


def _dates_section(runs, paired, series, palette) -> str:
    """Coverage and P(every municipality) on the target date and at the end of each run: a
    chart and a table that both name the date."""
    table = report_charts.state_on_dates(runs, TARGET)
    ends = sorted({str(d) for d in table.loc[table["when"] == "end of run", "date"]})
    end_text = ends[0] if len(ends) == 1 else tr("each run's last record date (in the table)")
    has_target = (table["when"] == "target").any()
    parts = ["<h2>" + tr("On the target date and at the end of the run") + "</h2>"]
    parts.append(_figure(
        report_charts.state_chart(runs, TARGET, colours=palette), tr("coverage of 基幹 on the target date and at the end"),
        (tr("Share of municipalities with a 基幹相談支援センター on the national target date, {target} (left), and at "
            "the end of the run, {end} (right)", target=TARGET, end=_e(end_text)) if has_target else
         tr("Share of municipalities with a 基幹相談支援センター at the end of the run, {end}", end=_e(end_text)))
        + tr(": the dot is the average over the simulated futures, the bar holds 9 of 10 of them (5% to 95%); P(all) "
             "is the share of futures in which every municipality has one by that date. A centre budgeted for the "
             "next fiscal year opens on 1 April, after 31 March.")))
    by_label = {label: key for key, label in series.items()}
    scenario, date, coverage = tr("scenario"), tr("date"), tr("coverage (mean %)")
    p_all = tr("P(every municipality by the date)")
    change = tr("change from the baseline (percentage points, 95% interval)")
    rows = []
    for _, r in table.iterrows():
        key = by_label.get(r["scenario"])
        rows.append({scenario: r["scenario"],
                     date: tr("{date} (the target)", date=r["date"]) if r["when"] == "target"
                     else tr("{date} (end of the run)", date=r["date"]),
                     coverage: r["coverage_mean"], "5%": r["coverage_p05"], "95%": r["coverage_p95"],
                     p_all: r["probability_all"],
                     **({change: _interval(_at(paired[key], r["date"])) if key else ""} if paired else {})})
    pct = {c: (lambda v: f"{v:.1f}") for c in (coverage, "5%", "95%")}
    pct[p_all] = lambda v: f"{v:.0%}"
    parts.append("<p>" + tr("Coverage of 基幹相談支援センター (percent of municipalities, over the simulated futures) on "
                            "each date:") + "</p>" + _table(pd.DataFrame(rows), pct, index=False, raw=(scenario,)))
    return "".join(parts)


def _prefecture_section(runs) -> str:
    """For runs that span several prefectures: a tile map of the 47 prefectures on the target
    date and at the end of the run (up to three scenarios)."""
    runs = [r for r in runs if report_map.is_national(r)]
    if not runs:
        return ""
    parts = ["<h2>" + tr("By prefecture") + "</h2>"]
    for run in runs[:3]:
        days = ([(TARGET, tr("on the national target date"))] if _covers_target(run) else []) + [
            (str(run.dates[-1].date()), tr("at the end of the run"))]
        for day, what in days:
            parts.append(_figure(
                report_map.tile_map(run, day),
                tr("基幹 by prefecture on {date}: {run}", date=day, run=compare.scenario_label(run)),
                tr("<b>{run}</b>, {what} ({date}): each tile is a prefecture, placed as on the usual tile map of Japan "
                   "(a tile is not an area). Its colour and first percentage: the share of its municipalities with a "
                   "基幹相談支援センター (mean over the simulated futures); P: the share of futures in which every one "
                   "of its municipalities has one by {date}. Grey: not in this run.", run=_label(run), what=what,
                   date=day)))
    if len(runs) > 3:
        parts.append("<p class='note'>" + tr("{n} more scenarios span several prefectures; their maps are left out.",
                                              n=len(runs) - 3) + "</p>")
    return "".join(parts)


def _hours_table(runs) -> str:
    """Each scenario's adviser hours by activity over its complete fiscal years."""
    t = report_charts.hours_table(runs)
    if t.empty:
        return ""
    t = t[list(workload.ACTIVITIES) + ["available"]].rename(
        columns={**{a: tr(v) for a, v in workload.ACTIVITY_LABELS.items()}, "available": tr("available")})
    t.index.name = tr("scenario")
    return ("<p>" + tr("Adviser hours by activity over the complete fiscal years of the run (mean over the simulated "
                       "futures):") + "</p>" + _table(t, {c: (lambda v: f"{v:,.0f}") for c in t.columns},
                                                       raw=(t.index.name,)))


def _workload_section(runs, palette) -> str:
    runs = [r for r in runs if "adviser_hours_idle" in r.series_names()]
    if not runs:
        return ""
    parts = ["<h2>" + tr("Where the advisers' time goes") + "</h2>"]
    base = runs[0]
    every = tr("each scenario") if len(runs) > 1 else f"<b>{_label(base)}</b>"
    parts.append(_figure(
        report_charts.hours_chart(runs, colours=palette), tr("adviser hours by activity, each scenario"),
        tr("The advisers' hours in each fiscal year (April to March; FY24 is 2024-04 to 2025-03), by what they were "
           "spent on, for {every}, on one scale (mean over the simulated futures; only fiscal years the run covers "
           "in full). Grey is time not booked: advisers were available but no municipality was visited.",
           every=every)))
    parts.append(_hours_table(runs))
    if "adviser_hours_by_municipality" in base.series_names():
        parts.append(_figure(
            workload.municipality_chart(base), tr("adviser hours by municipality"),
            tr("<b>{run}</b>: adviser hours spent on each municipality over the whole period (support, council "
               "meetings and travel).", run=_label(base))))
    parts.append(_figure(
        workload.utilisation_chart(runs, colours=palette), tr("adviser utilisation"),
        tr("Share of the advisers' available hours that were booked, per fiscal year (line: average; band: 9 of 10 "
           "simulated futures). It falls as municipalities finish setting up their centres and need less help.")))
    parts.append(_idle_reasons(runs, palette))
    parts.append(_hour_accounting(runs))
    parts.append(_never_visited(runs))
    return "".join(parts)


def _hour_accounting(runs) -> str:
    """Each scenario's adviser hours against the municipalities' need (docs/model.md §3.2):
    why a lever buys what it buys."""
    table = workload.hour_accounting(runs)
    if table.empty or table["needed"].isna().all():
        return ""
    cols = {"available": tr("available"), "support": tr("support"), "travel": tr("travel"),
            "meetings": tr("meetings"), "idle": tr("idle"), "needed": tr("need"), "unmet": tr("need unmet")}
    cols.update({f"idle_{r}": tr("idle: {reason}", reason=tr(workload.IDLE_REASON_LABELS[r]))
                 for r in workload.IDLE_REASONS})
    table = table[[c for c in cols if c in table.columns]].rename(columns=cols)
    table.index.name = tr("scenario")
    fmt = {c: (lambda v: f"{v:,.0f}") for c in table.columns}
    return ("<p>" + tr(
        "<b>Hour accounting</b> over the whole run (hours, mean over the simulated futures). <i>Need</i> is what the "
        "municipalities could use by their stages (advisers.need_hours); <i>need unmet</i> is the part no engagement "
        "met. More advisers help only where need is unmet while no hours are idle for it; where idle hours have "
        "<i>no need left</i>, extra advisers buy nothing; where they are <i>not booked</i>, the strategy (e.g. "
        "waiting to be asked), not the number of advisers, is what limits; where they are <i>bound to their "
        "region</i>, the need is in other regions: where advisers are placed, or whether they may be dispatched "
        "beyond their region, matters more than how many there are.") + "</p>"
        + _table(table, fmt, raw=(table.index.name,)))


# Why a municipality was never visited (visits.why_never_visited's reasons).
NEVER_VISITED_REASONS = {"no need": "no need", "not served by the strategy": "not served by the strategy",
                         "hours ran out": "hours ran out"}


def _never_visited(runs) -> str:
    """Municipalities no adviser visited in most simulated futures, named with the reason."""
    parts = []
    for run in runs:
        if "adviser_need_hours" not in run.series_names() or not workload.has_idle_reasons(run):
            continue
        t = visits.why_never_visited(run)
        if t.empty:
            continue
        share, need, unmet = tr("share of futures never visited"), tr("need (h)"), tr("need unmet (h)")
        t = t.assign(reason=[tr(NEVER_VISITED_REASONS.get(r, r)) for r in t["reason"]])
        t = t.rename(columns={"name": tr("municipality"), "never_visited": share, "need_hours": need,
                              "unmet_hours": unmet, "reason": tr("reason")})
        t.index.name = tr("code")
        parts.append("<p>" + tr("<b>{run}</b>: municipalities no adviser visited over the whole run in at least half "
                                "of the simulated futures, and why:", run=_label(run)) + "</p>")
        parts.append(_table(t, {share: lambda v: f"{v:.0%}", need: lambda v: f"{v:,.0f}",
                                unmet: lambda v: f"{v:,.0f}"}, raw=(tr("municipality"),)))
    return "".join(parts)


def _idle_reasons(runs, palette) -> str:
    """Why the advisers' hours were idle (docs/model.md §3.5), for each compared scenario."""
    runs = [r for r in runs if workload.has_idle_reasons(r)]
    if not runs:
        return ""
    fig = workload.idle_reason_chart(runs)
    for tick in fig.axes[0].get_yticklabels():  # each scenario's name in its colour
        if tick.get_text() in palette:
            tick.set_color(palette[tick.get_text()])
    parts = [_figure(
        fig, tr("idle adviser hours by reason"),
        tr("Why the advisers' idle hours were idle, as a share of them over the whole run, for each scenario. "
           "<b>No need left</b>: every municipality the adviser may serve had its month's need met, or had nothing "
           "advisers could help with. <b>At the limit</b>: those with need left already had the most engagements a "
           "month allows. <b>Cannot fit</b>: the hours left were too few for a visit there, travel included. <b>Not "
           "booked</b>: a visit was possible but the strategy did not make it (e.g. nobody applied). More advisers "
           "buy nothing where the idle time is for no need or at the limit."))]
    rename = {r: tr(workload.IDLE_REASON_LABELS[r]) for r in workload.IDLE_REASONS}
    rename["idle"] = tr("idle hours")
    fmt = {rename[r]: (lambda v: f"{v:.0%}") for r in workload.IDLE_REASONS}
    fmt[rename["idle"]] = lambda v: f"{v:,.0f}"
    table = workload.idle_reason_table(runs).rename(columns=rename)
    table.index.name = tr("scenario")
    parts.append("<p>" + tr("Idle adviser hours by reason over the whole run (share of the idle hours; idle hours: "
                            "mean over the simulated futures):") + "</p>")
    parts.append(_table(table, fmt, raw=(table.index.name,)))
    return "".join(parts)


def _count_interval(mean: float, lower: float, upper: float) -> str:
    """A paired difference in cases: "+12 [+3, +21]"; one decimal under 5."""
    if pd.isna(lower):
        return tr("{change} (one run: no interval)", change=f"{mean:+,.0f}")
    if mean == lower == upper == 0:
        return tr("±0 (the same in every paired future)")
    f = "{:+,.1f}" if max(abs(mean), abs(lower), abs(upper)) < 5 else "{:+,.0f}"
    return f"{f.format(mean)} [{f.format(lower)}, {f.format(upper)}]"


def _case_comparison(runs) -> str:
    """Per agency, households waiting and waiting long on the target date, and by exit kind
    the cases that left in the fiscal year before it, in every run with each run's paired
    difference from the first (an experiment's baseline)."""
    labels = [compare.scenario_label(r) for r in runs]
    fy = int(pd.Timestamp(TARGET).year) - 1 if pd.Timestamp(TARGET).month < 4 else int(pd.Timestamp(TARGET).year)
    blocks = [("case_waiting", tr("Households waiting on {target}, by agency", target=TARGET), dict(day=TARGET),
               caseflow.AGENCY_LABELS),
              ("case_waiting_long", tr("Of them, waiting longer than the scenario's long_wait_days (90 by default)"),
               dict(day=TARGET), caseflow.AGENCY_LABELS),
              ("case_exits", tr("How cases left in FY{fy} (April {fy} to March {next})", fy=fy, next=fy + 1),
               dict(fiscal_year=fy), caseflow.EXIT_LABELS)]
    parts = []
    for name, title, when, names in blocks:
        try:
            t = caseflow.agency_comparison(runs, name, **when)
        except (KeyError, ValueError, IndexError):
            continue
        if t.empty:
            continue
        show = pd.DataFrame(index=[tr(names.get(a, a)) for a in t.index])
        show[labels[0]] = [f"{v:,.0f}" for v in t[labels[0]]]
        for label in labels[1:]:
            key = f"{label} minus {labels[0]}"
            if key in t:
                show[tr("{run}: change", run=label)] = [_count_interval(m, lo, hi) for m, lo, hi in
                                                        zip(t[key], t[f"{key} lower"], t[f"{key} upper"])]
            else:
                show[label] = [f"{v:,.0f}" for v in t[label]]
        parts.append(f"<h3>{_e(title)}</h3>" + _table(show))
    if parts:
        parts.insert(0, "<p>" + tr("Each change is the compared scenario minus <b>{base}</b>, future by future "
                                   "(common random numbers), with its 95% interval.", base=_d(labels[0])) + "</p>")
    return "".join(parts)


def _growing_queues(runs) -> str:
    """The waiting lists that keep growing in each run (sim/output/queue_stability.hpp's rule)."""
    items = []
    for run in runs:
        g = caseflow.growing_queues(run)
        for _, row in g.head(6).iterrows():
            agency = _e(tr(caseflow.AGENCY_LABELS.get(row["agency"], row["agency"])))
            where = "" if row["municipality"] == "all" else tr(" in {place}", place=_d(row["municipality"]))
            items.append(f"<li><b>{_label(run)}</b>: " + tr(
                "{agency}{where}, +{growth:,.0f} households a year, {waiting:,.0f} waiting at the end", agency=agency,
                where=where, growth=row["growth_per_year"], waiting=row["waiting_end"]) + "</li>")
    if not items:
        return "<p>" + tr("No waiting list keeps growing: over the last two years of every run, each agency's queue "
                          "stays around its level.") + "</p>"
    return ("<p>" + tr(
        "<b>Queues that keep growing.</b> These waiting lists were still growing over the last two years of the run "
        "(least-squares trend of the average, at least 5 households a year and a quarter of the level): arrivals "
        "exceed what the agency or the case conference can take, and the households in them are neither helped nor "
        "counted as lost. More workers, a larger conference capacity or a hub are what a scenario can try "
        "(docs/output.md, Unstable queues).") + "</p><ul>" + "".join(items) + "</ul>")


def _cases_section(runs, palette) -> str:
    totals = [r for r in runs if caseflow.has_case_totals(r)]
    if not totals:
        return ""
    full = [r for r in totals if caseflow.has_cases(r)]
    parts = ["<h2>" + tr("People's cases: waiting, lost, and where they go") + "</h2>"]
    base = full[0] if full else None
    if base is not None:
        parts.append(_figure(
            caseflow.waiting_chart(base), tr("cases waiting"),
            tr("<b>{run}</b>: households waiting at each agency (left) and how long those who started being helped "
               "had waited (right).", run=_label(base))))
    parts.append(_figure(
        caseflow.lost_chart(totals, colours=palette), tr("cases lost"),
        tr("Households lost each month: dropped between agencies at a hand-over, or gave up waiting (line: average; "
           "band: 9 of 10 simulated futures).")))
    parts.append(_growing_queues(totals))
    if len(totals) > 1:
        parts.append(_case_comparison(totals))
    if base is not None:
        parts.append(_figure(
            caseflow.flow_diagram(base), tr("where cases go"),
            tr("<b>{run}</b>: where households' cases go, from their main need (left) to the agency they left from "
               "(middle) and how they left (right). Red bands are people lost.", run=_label(base))))
        lost = caseflow.lost_per_year(base)
        if len(lost):
            share = tr("lost per new case")
            show = lost.rename(columns={"dropped_out": tr("lost at a hand-over"), "gave_up": tr("gave up waiting"),
                                        "new": tr("new cases"), "lost_share": share})
            show.index.name = tr("fiscal year")
            fmt = {c: (lambda v: f"{v:,.0f}") for c in show.columns}
            fmt[share] = lambda v: f"{v:.1%}"
            parts.append(_table(show, fmt))
    return "".join(parts)


def _sensitivity_section(sweeps) -> str:
    if not sweeps:
        return ""
    parts = ["<h2>" + tr("What drives the results (sensitivity)") + "</h2>"]
    for sw in sweeps:
        design = sw.attrs.get("design", "")
        failed = int((sw.design.get("status", pd.Series(dtype=int)) != 0).sum())
        parts.append(f"<p><b>{_d(sw.attrs.get('sweep_name', sw.path))}</b>: "
                     + (tr("{n} points, {design} design, {failed} failed. Parameters varied:", n=len(sw.design),
                           design=_d(design), failed=failed) if failed else
                        tr("{n} points, {design} design. Parameters varied:", n=len(sw.design), design=_d(design)))
                     + "</p>")
        params = sw.parameters.rename(columns={"lower": tr("lower"), "upper": tr("upper")})
        params.index.name = tr("parameter")
        parts.append(_table(params, {tr("lower"): lambda v: f"{v:g}", tr("upper"): lambda v: f"{v:g}"},
                            raw=[params.index.name] + [c for c in params.columns if c not in (tr("lower"), tr("upper"))]))
        for out in sw.output_names():
            info = sw.output_info(out)
            what = (_d(info["description"]) if info.get("description") else
                    tr("{series} on {date}", series=_d(info.get("series", out)), date=_d(info.get("date", "?"))))
            parts.append(_sensitivity_output(sw, out, design, what))
    return "".join(parts)


def _sensitivity_output(sw: SweepFile, out: str, design: str, what: str) -> str:
    """Sobol or Morris indices from analysis.sensitivity when it is there; else a scatter.
    ``what``: the output described, as HTML."""
    try:
        from . import sensitivity  # written alongside; optional until then
    except ImportError:
        sensitivity = None
    try:
        if sensitivity is not None and design == "sobol":
            df = sensitivity.sobol(sw.path, out)
            return _figure(sensitivity.plot_sobol(df), tr("Sobol indices of {output}", output=out),
                           tr("{what}: how much of its variation each parameter explains on its own (first-order "
                              "index) and with its interactions (total index), with 95% intervals. Larger = matters "
                              "more.", what=what))
        if sensitivity is not None and design == "morris":
            df = sensitivity.morris(sw.path, out)
            return _figure(sensitivity.plot_morris(df), tr("Morris screening of {output}", output=out),
                           tr("{what}: average size of the effect of changing each parameter (μ*) against how much "
                              "that effect depends on the others (σ). Parameters to the right matter most.",
                              what=what))
    except Exception as e:  # noqa: BLE001 - the report still shows the raw scatter
        note = ("<p class='note'>" + tr("Sensitivity indices could not be computed for {output}: {error}",
                                         output=_d(out), error=_d(e)) + "</p>")
    else:
        note = ""
    return note + _figure(_scatter(sw, out), tr("{output} against each parameter", output=out),
                          tr("{what} at each design point (average over replicates) against the value of each "
                             "parameter. A clear trend means the parameter matters.", what=what))


def _scatter(sw: SweepFile, out: str):
    params = list(sw.parameters.index)
    y = sw.output_summary(out)["mean"]
    n = len(params)
    fig, axes = plt.subplots(1, n, figsize=(min(4 * n, 14), 3.2), squeeze=False)
    for ax, p in zip(axes[0], params):
        ax.plot(sw.design[p], y, "o", ms=3, alpha=0.6, label=out)
        ax.set_xlabel(p, fontsize=8)
        ax.grid(alpha=0.3)
    axes[0][0].set_ylabel(out)
    fig.tight_layout()
    return fig


# Where the scenario's own inputs come from; every other setting is read against the documented
# defaults (analysis/sources.py, from docs/parameters.md).
SOURCES = [
    ("advisers", "Number of advisers, strategy", "the scenario file (the shipped prefectures: seed 000's cases, "
     "docs/parameters.md §Values from the seeds)"),
    ("initial", "Where each municipality starts", "the scenario file (the shipped prefectures: seed 000 counts; "
     "national counts in docs/parameters.md §National figures)"),
    ("scenario.replicates", "Number of simulated futures", "docs/parameters.md §Run settings: 100 or more for "
     "probabilities such as 'all municipalities by 2027-03-31'"),
]


def placeholders(run) -> list[dict]:
    """The values a run's scenario marks as not known ([[scenario.placeholder]]: ``key``,
    ``why``; `tsunagi new` writes them), read from the scenario the file holds."""
    text = run.attrs.get("scenario_toml", "")
    try:
        doc = tomllib.loads(text) if text else {}
    except tomllib.TOMLDecodeError:
        return []
    return [{"key": p.get("key", ""), "why": p.get("why", "")}
            for p in doc.get("scenario", {}).get("placeholder", [])]


# The kind of a documented default (analysis/sources.py) and where a setting's value came from.
KINDS = {"fitted": "fitted", "source": "from the seeds or public figures", "assumed": "assumed"}
ORIGINS = {"scenario": "the scenario", "default": "documented default", "placeholder": "placeholder",
           "see default": "see default"}


def _settings_provenance(run) -> str:
    """Every documented setting of one run: from the scenario, the documented default (with what
    it rests on) or a placeholder; and the settings the documentation does not list."""
    text = run.attrs.get("scenario_toml", "")
    table = sources.settings(text)
    if table.empty:
        return ""
    label = _label(run)
    counts = table["origin"].value_counts()
    defaults = table[table["origin"] == "default"]
    kinds = defaults["kind"].value_counts()
    out = ["<h3>" + tr("Settings of {run}", run=label) + "</h3><p>" + tr(
        "{n} settings documented in docs/parameters.md: {set} set by the scenario or an override, {defaults} at "
        "their documented default ({fitted} fitted to observed counts, {source} from the seeds or public figures, "
        "{assumed} assumed), {placeholders} placeholders", n=len(table), set=counts.get("scenario", 0),
        defaults=len(defaults), fitted=kinds.get("fitted", 0), source=kinds.get("source", 0),
        assumed=kinds.get("assumed", 0), placeholders=counts.get("placeholder", 0))
        + (tr(", {n} whose default is written in words", n=counts.get("see default"))
           if counts.get("see default") else "") + tr(".") + "</p>"]
    if current() != "en":  # the sources are quoted from docs/parameters.md, which is in English
        out.append("<p class='note'>" + tr("The sources are quoted from docs/parameters.md as written.") + "</p>")
    changed = table[table["origin"] != "default"]
    setting, value, default, origin, source = (tr("setting"), tr("value"), tr("documented default"), tr("from"),
                                               tr("source of the default"))
    if not changed.empty:
        shown = changed[["setting", "value", "default", "origin", "source"]].assign(
            origin=[tr(ORIGINS.get(o, o)) for o in changed["origin"]])
        out.append(_table(shown.rename(columns={"setting": setting, "value": value, "default": default,
                                                "origin": origin, "source": source}),
                          index=False, raw=(setting, value, default, source)))
    else:
        out.append("<p>" + tr("Every documented setting is at its default.") + "</p>")
    kind = tr("kind")
    shown = defaults[["setting", "value", "kind", "source"]].assign(kind=[tr(KINDS.get(k, k)) for k in defaults["kind"]])
    out.append("<details><summary>" + tr("The {n} defaults {run} uses, and what each rests on", n=len(defaults),
                                         run=label) + "</summary>"
               + _table(shown.rename(columns={"setting": setting, "value": value, "kind": kind,
                                              "source": tr("source")}),
                        index=False, raw=(setting, value, tr("source"))) + "</details>")
    missing = sources.undocumented(text)
    if missing:
        out.append("<p class='note'>" + tr(
            "{n} settings of {run} have no row in docs/parameters.md's tables (their values are in the full scenario "
            "below): {names}.", n=len(missing), run=label,
            names=_d(", ".join(missing[:12]) + (", ..." if len(missing) > 12 else ""))) + "</p>")
    return "".join(out)


def _assumptions(runs) -> str:
    parts = ["<h2>" + tr("Assumptions and their sources") + "</h2><p>" + tr(
        "Every number in the model comes from the seed documents, public statistics, a fit to observed counts, or is "
        "an assumption that can be varied. The main ones:") + "</p>"]
    # A setting whose scenario marks it as a placeholder has no source: say so instead.
    marked = {p["key"].split(".")[0]: p for run in runs for p in placeholders(run)}
    rows = []
    for key, what, src in SOURCES:
        if key.split(".")[0] in marked:
            rows.append((tr(what), tr("PLACEHOLDER (not known): {why}", why=marked[key.split(".")[0]]["why"])))
        else:
            rows.append((tr(what), tr(src)))
    parts.append(_table(pd.DataFrame(rows, columns=[tr("setting"), tr("source")]), index=False))
    parts += [_settings_provenance(run) for run in runs]
    for run in runs:
        ph = placeholders(run)
        if ph:
            parts.append("<div class='risk'><p>" + tr(
                "<b>{run} rests on {n} placeholders</b>: values its author did not know, written so that it runs "
                "([[scenario.placeholder]] in the scenario; docs/scenarios.md). Its results are only as good as "
                "these guesses:", run=_label(run), n=len(ph)) + "</p>"
                + _table(pd.DataFrame(ph).rename(columns={"key": tr("setting"), "why": tr("value used, and why")}),
                         index=False, raw=(tr("setting"), tr("value used, and why"))) + "</div>")
    for run in runs:
        n = len(run.replicates)
        if n < 100:
            parts.append("<p class='note'>" + tr(
                "{run} has {n} simulated futures: probabilities are rough (standard error up to {se:.0%}; "
                "docs/parameters.md §Run settings recommends 100 or more).", run=_label(run), n=n,
                se=0.5 / np.sqrt(n)) + "</p>")
            break
    if any(run.attrs.get("scenario_toml", "") for run in runs):
        parts.append("<p class='print-only note'>" + tr(
            "Each scenario's full settings (TOML) are in the HTML edition of this report, and in its result file.")
            + "</p>")
    for run in runs:
        text = run.attrs.get("scenario_toml", "")
        if text:
            parts.append("<details><summary>" + tr(
                "Full scenario of {run} (every value used, as TOML; runs again to the same results)", run=_label(run))
                + f"</summary><pre translate='no'>{_e(text)}</pre></details>")
    return "".join(parts)


def _provenance(files) -> str:
    rows = []
    for f in files:
        p = provenance(f)
        name = p.get("scenario_name") or p.get("experiment_name") or p.get("sweep_name") or ""
        rows.append({tr("file"): os.path.basename(p["path"]), tr("type"): p.get("file_type", "run"),
                     tr("scenario"): name, tr("seed"): p.get("seed", ""), tr("replicates"): p.get("replicates", ""),
                     "tsunagi_version": p.get("tsunagi_version", ""), "git_commit": p.get("git_commit", ""),
                     tr("created"): p.get("created", "")})
    made = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    table = pd.DataFrame(rows)
    return ("<h2>" + tr("Provenance") + "</h2><p class='note'>" + tr(
        "The files this report was made from; each holds its full scenario and seed, so the results can be "
        "reproduced. Report made {made}.", made=made) + "</p>"
        + _table(table, index=False, raw=[c for c in table.columns if c not in (tr("seed"), tr("replicates"))]))


def _edition_link(other: str | None, lang: str) -> str:
    """A link to the same report in the other language, when both were written."""
    if other is None:
        return ""
    code = "en" if lang == "ja" else "ja"
    link = f"<a href='{_e(other)}' hreflang='{code}' lang='{code}'{NO}>{LANGUAGE_NAMES[code]}</a>"
    return "<p class='note'>" + tr("This report in {language}", language=link) + "</p>"


def build_html(paths, lang: str = "en", other_edition: str | None = None) -> str:
    """The report page for the files at ``paths`` (run, experiment and sweep files, in any mix),
    in ``lang`` ("en" or "ja"; i18n.py), with a link to ``other_edition`` (a relative URL)
    when given."""
    with language(lang):
        return _build_html(paths, lang, other_edition)


def _build_html(paths, lang: str, other_edition: str | None) -> str:
    files = [open_file(p) for p in paths]
    try:
        runs, sweeps, experiment = [], [], None
        for f in files:
            if isinstance(f, ExperimentFile):
                experiment = experiment or f
                runs.extend(f.variants())
            elif isinstance(f, SweepFile):
                sweeps.append(f)
            else:
                runs.append(f)
        _distinct_labels(runs)
        palette = Palette(compare.scenario_label(r) for r in runs)  # one colour per scenario, every chart
        paired, series = _paired(runs, experiment if experiment is not None and runs and
                                 runs[0]._file is experiment._file else None)
        names = ", ".join(compare.scenario_label(r) for r in runs) or ", ".join(
            s.attrs.get("sweep_name", s.path) for s in sweeps)
        if experiment is not None and experiment.attrs.get("experiment_title"):
            names = str(experiment.attrs["experiment_title"])
        body = [f"<h1>tsunagi: {_d(names)}</h1>", _edition_link(other_edition, lang),
                "<p class='note'>" + tr(
                    "Simulated projections of the support system for people with disabilities (障害者の相談支援体制). "
                    "Not a forecast of what will happen: what could happen under the stated assumptions.") + "</p>",
                _what(runs, sweeps), _headline(runs, paired)]
        if runs:
            body += [_coverage_section(runs, paired, series, palette), _dates_section(runs, paired, series, palette),
                     _prefecture_section(runs), _workload_section(runs, palette), _cases_section(runs, palette)]
        body += [_sensitivity_section(sweeps), _assumptions(runs), _provenance(files)]
        return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>"
                + tr("tsunagi report: {names}", names=_e(names))
                + f"</title><meta name='viewport' content='width=device-width, initial-scale=1'><style>{CSS}</style>"
                f"</head><body>{''.join(body)}</body></html>")
    finally:
        for f in files:
            f.close()


def edition_path(path, lang: str) -> str:
    """Where the ``lang`` edition of a report asked for at ``path`` goes when both are written:
    the English one at ``path``, the Japanese one beside it with ``.ja`` before the suffix
    (report.html -> report.ja.html)."""
    path = os.fspath(path)
    if lang == "en":
        return path
    root, ext = os.path.splitext(path)
    return f"{root}.{lang}{ext}"


def write_report(paths, out, pdf=None, lang: str = "en") -> None:
    """Writes the report of ``paths`` to ``out`` (HTML) and, with ``pdf`` (a path), the same
    page printed to PDF by headless Chromium (report_pdf.py). ``lang``: "en", "ja" or "both"
    (the English edition at ``out``, the Japanese one at :func:`edition_path`, each linking to
    the other; with ``pdf`` both are printed). All are written under temporary names and
    renamed when every one is complete: a failure leaves no partial file. Without Chromium,
    ``pdf`` raises report_pdf.ChromiumMissing before anything is written."""
    from . import report_pdf

    if lang not in (*LANGUAGES, "both"):
        raise ValueError(f"language {lang!r}: expected one of {', '.join(LANGUAGES)} or both")
    langs = list(LANGUAGES) if lang == "both" else [lang]
    out = os.fspath(out)
    chromium = report_pdf.find_chromium() if pdf is not None else None
    html_targets = {g: (edition_path(out, g) if lang == "both" else out) for g in langs}
    pdf_targets = {g: (edition_path(pdf, g) if lang == "both" else os.fspath(pdf)) for g in langs} if pdf else {}
    for target in [*html_targets.values(), *pdf_targets.values()]:
        directory = os.path.dirname(os.path.abspath(target))
        if not os.path.isdir(directory):
            raise FileNotFoundError(f"{target}: cannot write the report, directory {directory} does not exist")
    pages = {}
    for g in langs:
        other = None
        if lang == "both":
            other = os.path.basename(html_targets["ja" if g == "en" else "en"])
        pages[g] = build_html(paths, g, other)
    temps, targets = [], []
    try:
        for g in langs:
            target = html_targets[g]
            fd, tmp = tempfile.mkstemp(prefix=".report-", suffix=".html", dir=os.path.dirname(os.path.abspath(target)))
            temps.append(tmp)
            targets.append(target)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(pages[g])
            if pdf is not None:
                fd, tmp_pdf = tempfile.mkstemp(prefix=".report-", suffix=".pdf",
                                               dir=os.path.dirname(os.path.abspath(pdf_targets[g])))
                os.close(fd)
                temps.append(tmp_pdf)
                targets.append(pdf_targets[g])
                report_pdf.print_pdf(tmp, tmp_pdf, chromium)
        umask = os.umask(0)
        os.umask(umask)
        for tmp_file in temps:
            os.chmod(tmp_file, 0o666 & ~umask)  # mkstemp makes it private; a report is meant to be shared
        for tmp_file, target in zip(temps, targets):
            os.replace(tmp_file, target)
    except BaseException:
        for tmp_file in temps:
            if os.path.exists(tmp_file):
                os.unlink(tmp_file)
        raise
