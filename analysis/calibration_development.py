"""Development-side calibration numbers and figure for docs/calibration.md.

Checks the fitted defaults against every target of a calibration file
(scenarios/calibration/seed_targets.toml) using result files made with those defaults, more
replicates and another seed than the fit used, so the check is not the fit's own numbers:

    B=build/release/sim/tsunagi
    $B run scenarios/national.toml -o /tmp/national.h5 --replicates 20 --seed 7
    $B run scenarios/oita.toml -o /tmp/oita.h5 --replicates 200 --seed 7
    /usr/bin/python3 analysis/calibration_development.py scenarios/calibration/seed_targets.toml \\
        --run national=/tmp/national.h5 --run oita=/tmp/oita.h5 \\
        --figure docs/images/calibration_development.png

Each ``--run STEM=FILE`` gives the result file of the target scenario named STEM (the stem
of the ``scenario`` path in the calibration file). It prints a Markdown table: each target,
its tolerance, the simulated mean and 5-95 % band over replicates, and the distance in
tolerances. A target with ``prefecture`` counts that prefecture's municipalities that have
the institution, as ``tsunagi calibrate`` does. The figure has the national counts over
time with their targets, and every prefecture target against its simulated band.
"""

from __future__ import annotations

import argparse
import os
import sys
import tomllib

import numpy as np

if __package__ in (None, ""):  # run as a script from the repository root
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from analysis import open_run  # noqa: E402
from analysis import targets as tg  # noqa: E402

LABEL = {"kikan": "基幹", "kyoten": "拠点", "council": "council", "multi_layered": "重層"}
# The figure's labels are romanised: the machines this runs on need not have a CJK font.
FIGURE_LABEL = {"kikan": "kikan", "kyoten": "kyoten", "council": "council", "multi_layered": "multi-layered"}
PREFECTURE = {"44": "Oita", "27": "Osaka", "39": "Kochi", "47": "Okinawa", "15": "Niigata", "11": "Saitama"}


def institution_of(series: str) -> str:
    suffix = "_municipalities"
    if not series.endswith(suffix) or series[: -len(suffix)] not in tg.INSTITUTIONS:
        raise SystemExit(f"target series {series!r}: expected an <institution>_municipalities series")
    return series[: -len(suffix)]


def counts(run, institution: str, day: str, prefecture: str | None) -> np.ndarray:
    """Per replicate: municipalities (of the prefecture) that have the institution at the record of ``day``."""
    t = run.dates.get_indexer([np.datetime64(day)])[0]
    if t < 0:
        raise SystemExit(f"{run.path}: {day} is not a record date")
    has = tg._has(run, institution)[:, t, :]
    return has[:, tg._prefecture_mask(run, prefecture)].sum(axis=1)


def evaluate(calibration: dict, runs: dict) -> list[dict]:
    rows = []
    for t in calibration["target"]:
        stem = os.path.splitext(os.path.basename(t["scenario"]))[0]
        if stem not in runs:
            raise SystemExit(f"no --run {stem}=FILE given for target scenario {t['scenario']}")
        series = t.get("series", "kikan_municipalities")
        pref = t.get("prefecture")
        run, day = runs[stem], str(t["date"])
        if series.endswith("_established"):
            # One municipality: 1 where it has the institution, per replicate (the share is the mean).
            inst = series[: -len("_established")]
            j = list(run.municipalities.index).index(str(t["municipality"]))
            tt = run.dates.get_indexer([np.datetime64(day)])[0]
            x = tg._has(run, inst)[:, tt, j].astype(float)
            inst = f"{inst} {t['municipality']}"
        elif series == "multi_layered_preparing":
            tt = run.dates.get_indexer([np.datetime64(day)])[0]
            x, inst = run.array(series)[:, tt].astype(float), series
        else:
            inst = institution_of(series)
            x = counts(run, inst, day, pref)
        rows.append(dict(scenario=stem, institution=inst, prefecture=pref, date=str(t["date"]), value=t["value"],
                         sd=t.get("sd", 1.0), mean=float(x.mean()), low=float(np.quantile(x, 0.05)),
                         high=float(np.quantile(x, 0.95)), source=t["source"]))
    return rows


def markdown(rows: list[dict], replicates: dict) -> str:
    out = ["| target | date | value | sd | simulated mean | 5–95 % | (mean − value)/sd |", "|---|---|---|---|---|---|---|"]
    for r in rows:
        where = PREFECTURE.get(r["prefecture"], r["prefecture"]) if r["prefecture"] else r["scenario"]
        name = f"{where} {LABEL.get(r['institution'], r['institution'])}" + (" (national run)" if r["prefecture"] else "")
        z = (r["mean"] - r["value"]) / r["sd"]
        out.append(f"| {name} | {r['date']} | {r['value']:g} | {r['sd']:g} | {r['mean']:.1f} | "
                   f"{r['low']:.0f} – {r['high']:.0f} | {z:+.1f} |")
    out.append("")
    out.append("Replicates: " + ", ".join(f"{k} {v}" for k, v in replicates.items()) + ".")
    return "\n".join(out)


def figure(rows: list[dict], national, path: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (a, b) = plt.subplots(1, 2, figsize=(12, 5.2), gridspec_kw={"width_ratios": [1.1, 1]})
    dates = national.dates
    colours = {"kikan": "tab:blue", "kyoten": "tab:orange", "multi_layered": "tab:green"}
    for inst, colour in colours.items():
        arr = national.array(f"{inst}_municipalities")
        a.fill_between(dates, np.quantile(arr, 0.05, axis=0), np.quantile(arr, 0.95, axis=0), color=colour, alpha=0.25)
        a.plot(dates, arr.mean(axis=0), color=colour, label=f"{FIGURE_LABEL[inst]}: simulated mean, 5-95 %")
        pts = [r for r in rows if r["scenario"] == "national" and not r["prefecture"] and r["institution"] == inst]
        if pts:
            a.errorbar([np.datetime64(r["date"]) for r in pts], [r["value"] for r in pts],
                       yerr=[2 * r["sd"] for r in pts], fmt="o", color="black", ms=4, capsize=3)
    a.plot([], [], "o", color="black", label="public figure ± 2 sd")
    a.axvline(np.datetime64("2027-03-31"), color="grey", ls=":", lw=1)
    a.set_title("National counts (1,741 municipalities)")
    a.set_ylabel("municipalities")
    a.set_ylim(0, 1800)
    a.legend(loc="lower right", fontsize=8)

    pref = [r for r in rows if r["prefecture"]]
    y = np.arange(len(pref))[::-1]
    for yi, r in zip(y, pref):
        colour = colours.get(r["institution"], "grey")
        b.hlines(yi, r["low"], r["high"], color=colour, lw=6, alpha=0.35)
        b.plot(r["mean"], yi, "|", color=colour, ms=12, mew=2)
        b.errorbar(r["value"], yi, xerr=2 * r["sd"], fmt="o", color="black", ms=4, capsize=3)
    b.set_yticks(y, [f"{PREFECTURE.get(r['prefecture'], r['prefecture'])} {FIGURE_LABEL[r['institution']]} {r['date'][:7]}"
                     for r in pref], fontsize=8)
    b.set_xlabel("municipalities with the institution")
    b.set_title("Seed prefectures in the national run:\nseed figure ± 2 sd (dots) vs simulated 5-95 % (bars)", fontsize=10)
    fig.suptitle("Development model with the fitted defaults against its targets", fontsize=12)
    fig.tight_layout()
    tmp = path + ".tmp.png"
    fig.savefig(tmp, dpi=110)
    os.replace(tmp, path)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("calibration", help="calibration file (TOML) whose targets to check")
    ap.add_argument("--run", action="append", default=[], metavar="STEM=FILE", help="result file of a target scenario")
    ap.add_argument("--figure", help="write the figure (PNG) here")
    args = ap.parse_args(argv)
    with open(args.calibration, "rb") as f:
        calibration = tomllib.load(f)
    runs = {}
    try:
        for spec in args.run:
            stem, sep, path = spec.partition("=")
            if not sep:
                raise SystemExit(f"--run {spec!r}: expected STEM=FILE, e.g. national=/tmp/national.h5")
            runs[stem] = open_run(path)
        rows = evaluate(calibration, runs)
        print(markdown(rows, {k: len(v.replicates) for k, v in runs.items()}))
        if args.figure:
            if "national" not in runs:
                raise SystemExit("--figure needs --run national=FILE")
            figure(rows, runs["national"], args.figure)
    finally:
        for r in runs.values():
            r.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
