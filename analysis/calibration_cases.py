"""Case-flow calibration numbers for docs/calibration.md.

Reads a result file of the national case baseline (scenarios/cases/national_baseline.toml)
and prints, as Markdown tables:

  (a) new hardship (自立相談支援) consultations per 100,000 residents per month, by fiscal
      year, against the public series (public-figures.md, "Case volumes and flows");
  (b) the hardship intake outcome shares the scenario used, mapped to the public shares
      (inputs: matched by construction, not a test of the model);
  (c) plan-provider caseload per worker against the surveyed mean (about 20) and the
      standard (35) (public-figures.md, "Workforce");
  (d) the analytic preview (`tsunagi analyze` on the file's own resolved scenario) against
      the simulated caseloads, per agency;
  (e) the FY2020 surge: cases waiting at the 自立相談支援機関 and cases lost, by month, and
      the figure docs/images/hardship_surge.png.

Run from the repository root, after `tsunagi run`:

    /usr/bin/python3 analysis/calibration_cases.py /tmp/nb.h5 \
        --figure docs/images/hardship_surge.png

`--steady FILE` (repeatable) adds (c) and (d) for longer runs made with overrides (see
docs/calibration.md for the exact commands). Needs h5py, numpy, pandas, matplotlib and
the built binary (for the preview).
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import tomllib

import h5py
import numpy as np
import pandas as pd

if __package__ in (None, ""):  # run as a script from the repository root
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from analysis.schema import SchemaError, open_checked  # noqa: E402

# public-figures.md, "Case volumes and flows": new 自立相談支援 consultations per 100k per month.
PUBLIC_HARDSHIP_RATE = {2018: 15.7, 2019: 16.4, 2020: 52.0, 2021: 35.0}
# Same section: cumulative outcome of new consultations FY2015-FY2022, shares in percent.
PUBLIC_OUTCOMES = {"support plan made": 25.8, "referred (incl. 5.2 to public assistance)": 21.0,
                   "consultation or information only": 36.1, "other or ongoing": 17.1}
SURVEYED_PLAN_CASELOAD = 20.0  # public-figures.md, "Workforce": mean about 20 (2025 survey)
STANDARD_PLAN_CASELOAD = 35.0  # public-figures.md, "Workforce": 2018 fee revision
DAYS_PER_MONTH = 365.25 / 12.0


def _open(path: str) -> h5py.File:
    """The run file `path`, checked (analysis.open_checked) and with case axes; exits with
    the reason otherwise."""
    try:
        f = open_checked(path, "run")
    except (SchemaError, OSError) as e:
        raise SystemExit(str(e)) from e
    if "axes/agency" not in f:  # /axes also holds the development axes, with or without cases
        f.close()
        raise SystemExit(f"{path}: no case axes (/axes/agency); the scenario had no [cases] table")
    return f


def _flow_fiscal_year(dates: pd.DatetimeIndex) -> np.ndarray:
    """Fiscal year a flow recorded on each date belongs to: that of the day before."""
    before = dates - pd.Timedelta(days=1)
    return np.where(before.month >= 4, before.year, before.year - 1)


def _preview(binary: str, scenario_toml: str, date: str) -> pd.DataFrame:
    """`tsunagi analyze --format csv` of a resolved scenario on `date`, with servers."""
    with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False, encoding="utf-8") as tmp:
        tmp.write(scenario_toml)
    try:
        out = subprocess.run([binary, "analyze", tmp.name, "--format", "csv", "--date", date],
                             check=True, capture_output=True, text=True).stdout
    finally:
        os.unlink(tmp.name)
    p = pd.read_csv(io.StringIO(out), dtype={"municipality_code": str})
    caps = {a: t.get("caseload_cap", 0) for a, t in tomllib.loads(scenario_toml)["cases"]["agencies"].items()}
    p["load"] = p["caseload_per_worker"] * p["staff"]
    p["servers"] = p["staff"] * p["agency"].map(caps).fillna(0)
    p["load_capped"] = np.minimum(p["load"], p["servers"])
    return p


def calibrate(result: str, binary: str = "build/release/sim/tsunagi", figure: str | None = None,
              steady: list[str] | None = None) -> dict:
    """Prints the calibration tables for `result` (and each file in `steady`) and returns the
    key numbers; draws the surge figure to `figure` when given."""
    out: dict = {}
    with _open(result) as f:
        dates = pd.to_datetime(f["time/date"].asstr()[:])
        fy = f["time/fiscal_year"][:]
        flow_fy = _flow_fiscal_year(dates)
        pop = f["municipalities/population"][:].astype(np.float64)
        needs = list(f["axes/need"].asstr()[:])
        agencies = list(f["axes/agency"].asstr()[:])
        exits = list(f["axes/exit"].asstr()[:])
        toml_text = f.attrs["scenario_toml"]
        scenario = tomllib.loads(toml_text)
        hardship = f["series/case_new_by_need"][:, :, :, needs.index("hardship")].astype(np.float64).sum(axis=2)
        in_service = f["series/case_in_service"][:].astype(np.float64)
        caseload = f["series/case_caseload_per_worker"][:].astype(np.float64)
        waiting = f["series/case_waiting"][:, :, :, agencies.index("jiritsu")].astype(np.float64)
        exit_counts = f["series/case_exits"][:].astype(np.float64).sum(axis=2)
        lost_total = f["series/case_lost_total"][:]
        wait_mean = f["series/case_wait_mean"][:, :, :, agencies.index("jiritsu")].astype(np.float64)
        entered = f["series/case_entered"][:, :, :, agencies.index("jiritsu")].astype(np.float64)
        kikan = f["series/kikan_municipalities"][:]

    # (a) hardship arrivals per 100k per month, by fiscal year of the flow.
    base = scenario["cases"]["needs"]["hardship"]["rate_per_100k_month"]
    print("## (a) New hardship consultations per 100,000 per month\n")
    print("| FY | model input | model (replicates) | public |\n|---|---|---|---|")
    for year in sorted(set(flow_fy[1:])):
        sel = flow_fy == year
        sel[0] = False  # the first record holds no flows
        months = int(sel.sum())
        if months < 12:
            continue
        per_rep = hardship[:, sel].sum(axis=1) / pop.sum() * 1e5 / months
        factor = np.prod([c["factor"] for c in scenario["cases"].get("rate_changes", [])
                          if c.get("need", "all") in ("all", "hardship")
                          and str(c["start"]) <= f"{year}-04-01" and f"{year + 1}-03-31" <= str(c["end"])])
        out[f"hardship_rate_fy{year}"] = per_rep.tolist()
        out[f"hardship_total_fy{year}"] = hardship[:, sel].sum(axis=1).tolist()
        print(f"| {year} | {base:.1f} x {factor:g} = {base * factor:.1f} | "
              f"{', '.join(f'{v:.1f}' for v in per_rep)} "
              f"({', '.join(f'{v:,.0f}' for v in hardship[:, sel].sum(axis=1))} in the year) | "
              f"{PUBLIC_HARDSHIP_RATE.get(year, '-')} |")

    # (b) intake outcome shares: inputs.
    h = scenario["cases"]["needs"]["hardship"]
    info = 1.0 - (h["support_plan"] + h["referral"] + h["handed_over"] + h["difficult"] + h["complex"])
    print("\n## (b) Hardship intake outcomes (inputs)\n")
    print("| public category | public % | scenario keys | input % |\n|---|---|---|---|")
    rows = [("support plan made", "support_plan", 100 * h["support_plan"]),
            ("referred (incl. 5.2 to public assistance)", "referral + handed_over",
             100 * (h["referral"] + h["handed_over"])),
            ("consultation or information only", "1 - the listed shares (info_only)", 100 * info),
            ("other or ongoing", "difficult + complex", 100 * (h["difficult"] + h["complex"]))]
    for name, keys, value in rows:
        print(f"| {name} | {PUBLIC_OUTCOMES[name]} | {keys} | {value:.1f} |")
    out["intake_inputs"] = {k: v for _, k, v in rows}

    # (c) and (d) for the baseline and every longer run.
    def caseload_and_preview(label, dates, fy, in_service, caseload, toml_text, windows, population):
        a_plan = agencies.index("plan_provider")
        print(f"\n## (c) Plan-provider caseload per worker: {label}\n")
        print("| records | mean over municipalities | all plan cases / all plan workers |\n|---|---|---|")
        prev0 = _preview(binary, toml_text, str(dates[0].date()))
        staff = prev0[prev0.agency == "plan_provider"]["staff"].to_numpy(np.float64)
        for year in sorted(set(fy)):
            sel = fy == year
            mean = np.nanmean(caseload[:, sel, :, a_plan])
            pooled = in_service[:, sel, :, a_plan].sum(axis=2).mean() / staff.sum()
            out[f"{label}_plan_caseload_fy{year}"] = (float(mean), float(pooled))
            when = f"FY{year} ({sel.sum()} records)" if sel.sum() > 1 else f"the close, {dates[sel][0].date()}"
            print(f"| {when} | {mean:.1f} | {pooled:.1f} |")
        print(f"| preview (steady state, {dates[0].date()}) | "
              f"{np.mean(prev0[prev0.agency == 'plan_provider']['caseload_per_worker']):.1f} | "
              f"{prev0[prev0.agency == 'plan_provider']['load'].sum() / staff.sum():.1f} |")
        print(f"| surveyed mean / standard | {SURVEYED_PLAN_CASELOAD:.0f} / {STANDARD_PLAN_CASELOAD:.0f} | |")
        full = [y for y in sorted(set(fy)) if (fy == y).sum() == 12]
        if full:
            sel = fy == full[-1]
            per_m = np.nanmean(caseload[:, sel, :, a_plan], axis=(0, 1))
            bands = [0, 10, 15, 20, 25, 30, 35, 40, np.inf]
            names = ["<10", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", ">=40"]
            band = np.digitize(np.nan_to_num(per_m), bands[1:-1])
            share = [staff[band == b].sum() / staff.sum() for b in range(len(names))]
            print(f"\nFY{full[-1]}: share of plan workers by the caseload of their municipality: " +
                  ", ".join(f"{n} {100 * v:.0f} %" for n, v in zip(names, share)))
            small, large = per_m[population < 10_000], per_m[population >= 200_000]
            print(f"FY{full[-1]}: mean caseload per plan worker, municipalities under 10,000 people "
                  f"{np.nanmean(small):.1f}, 200,000 and more {np.nanmean(large):.1f}")
            out[f"{label}_plan_caseload_bands"] = dict(zip(names, share))
        for date, first, last in windows:
            prev = _preview(binary, toml_text, date)
            sel = (dates >= pd.Timestamp(first)) & (dates <= pd.Timestamp(last))
            sim = in_service[:, sel].sum(axis=2).mean(axis=(0, 1))
            print(f"\n## (d) Preview on {date} vs simulated cases in service, mean of records "
                  f"{first} to {last}: {label}\n")
            print("| agency | preview load | preview capped at servers | simulated | simulated / preview | "
                  "simulated / capped | municipalities with utilisation >= 1 |\n|---|---|---|---|---|---|---|")
            for a, name in enumerate(agencies):
                g = prev[prev.agency == name]
                load, capped = g["load"].sum(), g["load_capped"].sum()
                if load <= 0:
                    continue
                over = int((g["utilisation"] >= 1).sum())
                out[f"{label}_{date}_{name}"] = (float(load), float(capped), float(sim[a]))
                print(f"| {name} | {load:,.0f} | {capped:,.0f} | {sim[a]:,.0f} | {sim[a] / load:.3f} | "
                      f"{sim[a] / capped:.3f} | {over} |")

    caseload_and_preview("baseline", dates, fy, in_service, caseload, toml_text,
                         [("2020-04-01", "2020-10-01", "2021-04-01"), ("2021-04-01", "2021-10-01", "2022-04-01")], pop)
    for path in steady or []:
        with _open(path) as g:
            d2 = pd.to_datetime(g["time/date"].asstr()[:])
            fy2 = g["time/fiscal_year"][:]
            last_fy = int(fy2[-2])
            caseload_and_preview(os.path.basename(path), d2, fy2,
                                 g["series/case_in_service"][:].astype(np.float64),
                                 g["series/case_caseload_per_worker"][:].astype(np.float64),
                                 g.attrs["scenario_toml"],
                                 [(str(d2[0].date()), f"{last_fy}-04-01", f"{last_fy + 1}-03-01")],
                                 g["municipalities/population"][:].astype(np.float64))

    # (e) the surge, by month.
    total_waiting = waiting.sum(axis=2)  # (R, T), stock on the record date
    with_queue = (waiting > 0).sum(axis=2)
    dropped = exit_counts[:, :, exits.index("dropped_out")]
    gave_up = exit_counts[:, :, exits.index("gave_up")]
    print("\n## (e) Cases waiting at jiritsu (stock on the date) and cases lost (flow of the month before)\n")
    print("| record date | waiting at jiritsu | municipalities with a queue there | lost in the month before "
          "| of which gave up | of which dropped at a hand-over |\n|---|---|---|---|---|---|")
    for t, d in enumerate(dates):
        print(f"| {d.date()} | {total_waiting[:, t].mean():,.0f} | {with_queue[:, t].mean():,.0f} | "
              f"{lost_total[:, t].mean():,.0f} | {gave_up[:, t].mean():,.0f} | {dropped[:, t].mean():,.0f} |")
    for year in sorted(set(flow_fy[1:])):
        sel = flow_fy == year
        sel[0] = False
        if sel.sum() == 12:
            out[f"lost_fy{year}"] = float(lost_total[:, sel].sum(axis=1).mean())
            out[f"gave_up_fy{year}"] = float(gave_up[:, sel].sum(axis=1).mean())
            out[f"dropped_fy{year}"] = float(dropped[:, sel].sum(axis=1).mean())
    out["waiting_jiritsu_peak"] = (str(dates[int(total_waiting.mean(axis=0).argmax())].date()),
                                   float(total_waiting.mean(axis=0).max()))
    peak = int(total_waiting.mean(axis=0).argmax())
    w, n = wait_mean[:, peak].ravel(), entered[:, peak].ravel()
    ok = ~np.isnan(w)
    out["jiritsu_wait_at_peak"] = (float(np.average(w[ok], weights=n[ok])), float(np.percentile(w[ok], 90)),
                                   float(w[ok].max()))
    print(f"\nWaits at jiritsu of the cases that started in the month before {dates[peak].date()}: "
          f"mean of municipal means weighted by cases entered {out['jiritsu_wait_at_peak'][0]:.1f} days; "
          f"90th percentile of municipal means {out['jiritsu_wait_at_peak'][1]:.1f}; "
          f"largest {out['jiritsu_wait_at_peak'][2]:.1f}")
    april = [t for t, d in enumerate(dates) if d.month == 4 and d.day == 1]  # 1 April records
    print("Municipalities with a kikan, established or functioning (per replicate): " +
          ", ".join(f"{dates[t].date()} {kikan[:, t].tolist()}" for t in april))
    print("\nTotals by fiscal year (mean over replicates): " +
          ", ".join(f"{k} {v:,.0f}" for k, v in out.items() if k.startswith(("lost_", "gave_up_", "dropped_"))))

    if figure:
        _surge_figure(figure, dates, hardship, total_waiting, gave_up, dropped, pop.sum())
        print(f"\nwrote {figure}")
    return out


def _surge_figure(path, dates, hardship, waiting, gave_up, dropped, population) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    month = dates[1:] - pd.Timedelta(days=1)  # flows belong to the month before their record
    mid = pd.to_datetime([pd.Timestamp(m.year, m.month, 15) for m in month])
    fig, axes = plt.subplots(3, 1, figsize=(8, 8.5), sharex=True)
    for ax in axes:
        ax.axvspan(pd.Timestamp("2020-04-01"), pd.Timestamp("2021-04-01"), color="tab:red", alpha=0.08)
        ax.axvspan(pd.Timestamp("2021-04-01"), pd.Timestamp("2022-04-01"), color="tab:orange", alpha=0.08)
        ax.grid(alpha=0.3)
    rate = hardship[:, 1:] / population * 1e5 * DAYS_PER_MONTH / np.array([m.days_in_month for m in month])
    axes[0].plot(mid, rate.mean(axis=0), marker="o", ms=3, label="model (per 30.4-day month)")
    for year, value in ((2020, 52.0), (2021, 35.0)):
        axes[0].hlines(value, pd.Timestamp(f"{year}-04-01"), pd.Timestamp(f"{year + 1}-03-31"), colors="k",
                       linestyles="--", label="public figure, fiscal-year mean" if year == 2020 else None)
    axes[0].set_ylabel("new hardship cases\nper 100,000 per month")
    axes[0].set_ylim(0, None)
    axes[0].legend(loc="upper right", fontsize=8)
    axes[0].set_title("National case baseline: the FY2020 surge in hardship consultations\n"
                      "(shaded: FY2020 rates x3.17, FY2021 x2.13; mean of 2 replicates)", fontsize=10)
    axes[1].plot(dates, waiting.mean(axis=0) / 1000, marker="o", ms=3, color="tab:purple")
    axes[1].set_ylabel("cases waiting at the\nhardship agency (thousands)")
    axes[1].set_ylim(0, None)
    width = 20
    axes[2].bar(mid, gave_up[:, 1:].mean(axis=0) / 1000, width=width, label="gave up while waiting", color="tab:red")
    axes[2].bar(mid, dropped[:, 1:].mean(axis=0) / 1000, width=width, bottom=gave_up[:, 1:].mean(axis=0) / 1000,
                label="lost at a hand-over", color="tab:gray")
    axes[2].set_ylabel("cases lost per month,\nall agencies (thousands)")
    axes[2].legend(loc="upper right", fontsize=8)
    axes[2].set_xlabel("month")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("result", help="result file of scenarios/cases/national_baseline.toml")
    parser.add_argument("--binary", default="build/release/sim/tsunagi", help="tsunagi binary (for the preview)")
    parser.add_argument("--figure", help="write the surge figure here (PNG)")
    parser.add_argument("--steady", action="append", default=[], help="a longer run to add to (c) and (d)")
    args = parser.parse_args(argv)
    calibrate(args.result, args.binary, args.figure, args.steady)
    return 0


if __name__ == "__main__":
    sys.exit(main())
