"""Where each setting of a run came from (analysis/sources.py) against docs/parameters.md: the
shipped table is the documentation's, values are classified by hand-checked cases, and the
report states the origin of each setting."""

import datetime as dt
import subprocess
import sys

import pytest

import analysis
from analysis import sources


def test_shipped_table_matches_the_documentation(repo_root):
    # tools/parameter_sources.py regenerates the file; --check fails when docs/parameters.md changed.
    proc = subprocess.run([sys.executable, str(repo_root / "tools" / "parameter_sources.py"), "--check"],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_documented_rows_read_as_written():
    table = {(e["table"], e["key"]): e for e in sources.documented()}
    assert table[("development", "officer_hours_per_month")]["default"] == "342"
    assert table[("development", "officer_hours_per_month")]["kind"] == "fitted"
    assert table[("advisers", "hours_per_month")]["kind"] == "assumed"
    assert table[("development.kikan", "duty_factor")]["default"] == "7.54"
    assert table[("development.kyoten", "duty_factor")]["default"] == "0.5"
    assert table[("cases.agencies.plan_provider", "caseload_cap")] == {
        "table": "cases.agencies.plan_provider", "key": "caseload_cap", "default": "35", "kind": "source",
        "source": "docs/parameters.md, Case flows, Agencies: from the sources (Case flows, From the sources)"}
    assert table[("cases.agencies.jiritsu", "caseload_cap")]["kind"] == "assumed"
    assert table[("cases.needs.hardship", "rate_per_100k_month")]["default"] == "15.7"
    assert table[("cases", "long_wait_days")]["kind"] == "assumed"  # "all assumed", says the table's text


@pytest.mark.parametrize("value, text, expected", [
    (342.2, "342", True),                 # a fitted value as the docs round it
    (300.0, "342", False),
    (1.4, "1", False),                    # rounds to the written 1, but 40% away
    (0.3, "0 (connected: 0.3)", False),
    (0.0, "0 (connected: 0.3)", True),
    (14700, "14,700", True),              # a thousands separator, not a list
    (1 / 3, "1/3", True),
    (0.34, "1/3", False),
    ([4, 10], "4 and 10 (1 April, 1 October)", True),
    ([0.3, 0.5, 1.0, 2.0], "0.3, 0.5, 1.0, 2.0 for under 10,000, 10,000–49,999", True),
    ([0.3, 0.5, 1.0, 3.0], "0.3, 0.5, 1.0, 2.0 for under 10,000, 10,000–49,999", False),
    (True, "yes", True),
    (False, "yes", False),
    (dt.date(2024, 4, 1), "2024-04-01", True),
    ("2021-04-01", "not allowed", None),
    ("houkatsu", "houkatsu", True),
    (3.0, "not allowed", None),
])
def test_same_as_default(value, text, expected):
    assert sources.same_as_default(value, text) is expected


def _resolved(tsunagi_bin, scenario, *sets):
    args = [str(tsunagi_bin), "validate", str(scenario), "--print-resolved"]
    for s in sets:
        args += ["--set", s]
    proc = subprocess.run(args, capture_output=True, text=True, check=True)
    return proc.stdout


def test_origins_of_a_resolved_scenario(tsunagi_bin, scenarios_dir):
    text = _resolved(tsunagi_bin, scenarios_dir / "oita.toml", "development.officer_hours_per_month=300",
                     "advisers.visit_hours=3.0")
    table = sources.settings(text).set_index("setting")
    assert table.loc["development.officer_hours_per_month", "origin"] == "scenario"
    assert table.loc["development.officer_hours_per_month", "value"] == "300"
    assert table.loc["advisers.visit_hours", "origin"] == "default"  # set, but to the default
    assert table.loc["development.kikan.duty_factor", "origin"] == "default"
    assert table.loc["development.kikan.duty_factor", "kind"] == "fitted"
    assert (table["origin"] == "scenario").sum() == 1
    # the scenario's own inputs are not "undocumented defaults"
    assert not [k for k in sources.undocumented(text) if k.startswith(("initial.", "municipalities.", "advisers.count"))]
    # a setting the scenario marks as not known is a placeholder, whatever its value
    marked = text + '\n[[scenario.placeholder]]\nkey = "development.officer_hours_per_month"\nwhy = "a guess"\n'
    assert sources.settings(marked).set_index("setting").loc[
        "development.officer_hours_per_month", "origin"] == "placeholder"


def test_report_states_each_settings_origin(run_scenario, scenarios_dir, tmp_path):
    run = run_scenario(scenarios_dir / "oita.toml", tmp_path / "o.h5", 2,
                       "--set", "development.officer_hours_per_month=300", "--set", "scenario.end=2025-03-31")
    html = analysis.build_html([run])
    part = html[html.index("<h3>Settings of"):]
    assert "1 set by the scenario or an override" in part
    row = part[part.index("development.officer_hours_per_month"):][:600]
    assert "300" in row and "342" in row and "fitted" in row
    assert "defaults" in part and "rests on" in part


@pytest.mark.parametrize("scenario, set_by_file", [
    ("turnover/baseline.toml", set()),  # switches [cases] and [workforce] on with every default
    ("connected/oita.toml", {"cases.warmup_years", "cases.hidden.share"}),
])
def test_documented_defaults_are_the_loaders(tsunagi_bin, scenarios_dir, scenario, set_by_file):
    # The engine's own defaults, read back against docs/parameters.md: a documented default the
    # loader does not use shows up here as "scenario" although the file does not set it.
    table = sources.settings(_resolved(tsunagi_bin, scenarios_dir / scenario))
    assert set(table.loc[table["origin"] == "scenario", "setting"]) == set_by_file
    assert len(table) > 250 and (table["origin"] == "see default").sum() <= 2
