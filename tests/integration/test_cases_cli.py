"""`tsunagi analyze` (the analytic preview of case flows) and `summarize` on a case run, as
subprocesses; and the preview against the simulation."""

import io
import re

import numpy as np
import pandas as pd
import pytest

import analysis

M = 18
AGENCIES = ["plan_provider", "commissioned", "kikan", "houkatsu", "jiritsu", "child_family", "hub", "conference"]
CSV_COLUMNS = ["municipality_code", "municipality", "agency", "staff", "cases_per_month", "caseload_per_worker",
               "utilisation", "mean_wait_days"]
# Hardship arrivals x3.3 in FY2024 (a surge such as the 2020 emergency loans): enough to
# push the 自立相談支援機関 of most municipalities past utilisation 1 at the default staffing.
SURGE = 'cases.rate_changes=[{start=2024-04-01, end=2025-03-31, need="hardship", factor=3.3}]'


@pytest.fixture(scope="module")
def cases_scenario(cases_run):
    """The scenario the cases_run fixture ran (written beside its result file)."""
    path = cases_run.parent / "oita_cases.toml"
    assert path.is_file()
    return path


def run_ok(run_tsunagi, *args):
    proc = run_tsunagi(*args)
    assert proc.returncode == 0, f"tsunagi {' '.join(map(str, args))} failed (exit {proc.returncode}):\n{proc.stderr}"
    return proc


def analyze_csv(run_tsunagi, scenario, *args):
    proc = run_ok(run_tsunagi, "analyze", scenario, "--format", "csv", *args)
    return pd.read_csv(io.StringIO(proc.stdout), dtype={"municipality_code": str})


def agency_rows(stdout):
    """The summary table of `analyze`: agency name -> the numbers of its row."""
    rows = {}
    for line in stdout.splitlines():
        parts = line.split()
        if parts and parts[0] in AGENCIES and len(parts) == 6:
            rows[parts[0]] = [float(x) for x in parts[1:]]
    return rows


# -- analyze: table -----------------------------------------------------------------------------


def test_analyze_defaults_table(run_tsunagi, cases_scenario):
    proc = run_ok(run_tsunagi, "analyze", cases_scenario)
    out = proc.stdout
    assert "scenario oita" in out and "2024-04-01" in out
    rows = agency_rows(out)
    assert list(rows) == AGENCIES  # one row per agency, in axis order
    assert "no agency is overloaded" in out
    assert "overloaded:" not in out
    staff = {a: r[0] for a, r in rows.items()}
    assert staff["hub"] == 0 and staff["conference"] == 0  # neither exists in Oita by default
    assert staff["plan_provider"] > 0 and staff["houkatsu"] > 0
    assert all(0 <= r[3] < 1 for r in rows.values())  # max utilisation
    assert all(r[4] == 0 for r in rows.values())  # overloaded count


def test_analyze_hardship_surge_overloads_jiritsu(run_tsunagi, cases_scenario):
    proc = run_ok(run_tsunagi, "analyze", cases_scenario, "--set", SURGE)
    out = proc.stdout
    flagged = re.findall(r"^\s*overloaded: (\d{5}) (\S+) (\S+) \(utilisation ([0-9.]+)\)$", out, flags=re.M)
    assert flagged, out
    assert {agency for _, _, agency, _ in flagged} == {"jiritsu"}
    assert all(float(u) >= 1.0 for *_, u in flagged)
    rows = agency_rows(out)
    assert rows["jiritsu"][3] >= 1.0 and rows["jiritsu"][4] == len(flagged)
    assert "no agency is overloaded" not in out
    # The flags agree with the csv of the same preview.
    table = analyze_csv(run_tsunagi, cases_scenario, "--set", SURGE)
    over = table[table.utilisation >= 1.0]
    assert sorted(over.municipality_code) == sorted(code for code, *_ in flagged)
    # The change is in force in FY2024 only: on a later date nothing is overloaded.
    later = run_ok(run_tsunagi, "analyze", cases_scenario, "--set", SURGE, "--date", "2025-04-01")
    assert "no agency is overloaded" in later.stdout


# -- analyze: csv -------------------------------------------------------------------------------


def test_analyze_csv(run_tsunagi, cases_scenario, cases_run):
    table = analyze_csv(run_tsunagi, cases_scenario)
    assert list(table.columns) == CSV_COLUMNS
    assert len(table) == M * 8
    with analysis.open_run(cases_run) as run:
        codes = list(run.municipalities.index)
    assert list(pd.unique(table.municipality_code)) == codes
    assert (table.groupby("municipality_code")["agency"].apply(list) == pd.Series({c: AGENCIES for c in codes})).all()
    assert table.loc[table.municipality_code == "44201", "municipality"].iloc[0] == "大分市"
    assert (table[CSV_COLUMNS[3:]] >= 0).all().all()
    assert (table.utilisation < 1).all()
    absent = table.agency.isin(["hub", "conference"])
    assert (table.loc[absent, "staff"] == 0).all()
    # 基幹 staff only where one is established at the start (5 of 18).
    assert (table.loc[table.agency == "kikan", "staff"] > 0).sum() == 5
    # The table's staff column is the csv's summed over municipalities.
    proc = run_ok(run_tsunagi, "analyze", cases_scenario)
    rows = agency_rows(proc.stdout)
    for agency, staff in table.groupby("agency")["staff"].sum().items():
        assert rows[agency][0] == staff, agency


def test_analyze_without_cases_table(run_tsunagi, scenarios_dir):
    proc = run_tsunagi("analyze", scenarios_dir / "oita.toml")
    assert proc.returncode == 2
    assert "no [cases] table" in proc.stderr
    assert proc.stdout == ""


def test_analyze_bad_cases_value(run_tsunagi, cases_scenario):
    proc = run_tsunagi("analyze", cases_scenario, "--set", "cases.needs.hardship.support_plan=0.9")
    assert proc.returncode == 2
    assert "cases.needs.hardship.support_plan" in proc.stderr
    assert proc.stdout == ""


# -- summarize ----------------------------------------------------------------------------------


def test_summarize_case_run(run_tsunagi, cases_run):
    proc = run_ok(run_tsunagi, "summarize", cases_run)
    assert "case_new_total" in proc.stdout
    assert "3 replicates" in proc.stdout
    csv = run_ok(run_tsunagi, "summarize", cases_run, "--metric", "case_new_total", "--format", "csv")
    table = pd.read_csv(io.StringIO(csv.stdout), dtype={"date": str})
    assert set(table.metric) == {"case_new_total"}
    assert set(table.kind) == {"flow"}
    row = table[table.date == "2026-04-01"]
    # A flow at a fiscal-year row is the total of the records since the previous row
    # (2025-04-01, exclusive): FY2025's new cases. Means add, so it is the sum of the
    # monthly means.
    with analysis.open_run(cases_run) as run:
        band = run.band("case_new_total")
    fy2025 = band.loc[(band.index > pd.Timestamp("2025-04-01")) & (band.index <= pd.Timestamp("2026-04-01")), "mean"]
    assert len(fy2025) == 12
    assert row["mean"].item() == pytest.approx(fy2025.sum(), rel=1e-6)
    assert fy2025.sum() > 0
    assert "total since the previous row" in proc.stdout


# -- the preview against the simulation ---------------------------------------------------------


def plan_provider_preview(run_tsunagi, scenario, *args):
    """Expected plan_provider cases in service, all municipalities (caseload x staff)."""
    table = analyze_csv(run_tsunagi, scenario, *args)
    plan = table[table.agency == "plan_provider"]
    return float((plan.caseload_per_worker * plan.staff).sum())


def last_years_mean(path, years, end="2031-04-01"):
    """Mean over replicates and records of plan_provider cases in service, all municipalities,
    over the last `years` years of the run."""
    with analysis.open_run(path) as run:
        total = run.category_total("case_in_service", "plan_provider")
    start = pd.Timestamp(end) - pd.DateOffset(years=years)
    return float(total.loc[:, total.columns >= start].to_numpy().mean())


def test_preview_agrees_with_simulation(run_tsunagi, cases_scenario, cases_run):
    """plan_provider is the one agency whose load the 基幹 changes nowhere (its cases are
    support plans of disability and mental-health needs, routed the same with or without a
    基幹), so the preview's institutions fixed at the start do not matter.

    Tolerance 10%: two known biases of comparable size and opposite sign, each measured with
    3 replicates of this scenario (the replicate spread of a 3-year mean is ~1%):
    * the run starts empty and plans last 730 days on average (exponential), so over the
      last three of seven years the load is still ~7% below its steady state (without
      re-entry the simulated mean is 7.3% below the preview);
    * the preview ignores re-entry (cases closed or lost that come back ~180 days later),
      which raises the steady-state load by ~11% (a 21-year run settles ~11% above the
      preview).
    Together they leave the simulation ~2% above the preview here; 10% covers either bias
    alone. See test_preview_agrees_without_reentry for the first one isolated."""
    theory = plan_provider_preview(run_tsunagi, cases_scenario)
    simulated = last_years_mean(cases_run, 3)
    assert theory > 1000
    assert simulated == pytest.approx(theory, rel=0.10), f"simulated {simulated:.0f}, preview {theory:.0f}"


def test_preview_agrees_without_reentry(run_tsunagi, cases_scenario, tmp_path):
    """Without re-entry (which the preview ignores), the simulation approaches the preview
    from below as the plans of the empty start fill up: ~7% below over the last 3 years,
    ~4% below over the last year (exp(-6.5 y / 2 y) of the steady state still missing at
    mid-year). Tolerances: that warm-up gap, plus ~2% for 3 replicates."""
    no_reentry = ["--set", "cases.reentry_after_dropout=0", "--set", "cases.reentry_after_closure=0"]
    out = tmp_path / "no_reentry.h5"
    run_ok(run_tsunagi, "run", cases_scenario, "-o", out, "--replicates", "3", "--quiet", *no_reentry)
    theory = plan_provider_preview(run_tsunagi, cases_scenario, *no_reentry)
    three, one = last_years_mean(out, 3), last_years_mean(out, 1)
    assert 0.85 * theory < three < theory, f"last 3 years {three:.0f}, preview {theory:.0f}"
    assert 0.92 * theory < one < 1.02 * theory, f"last year {one:.0f}, preview {theory:.0f}"
    assert three < one  # still filling up
    with analysis.open_run(out) as run:
        assert np.nansum(run.category_total("case_in_service").to_numpy()) > 0
        assert run.series("case_reentries")["value"].sum() == 0
