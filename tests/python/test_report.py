"""The HTML report: self-contained, says what was simulated, the headline, risks, comparisons,
sensitivity, assumptions and provenance; for one run, several runs, an experiment, sweeps."""

import base64
import re
import sys
import types

import pandas as pd
import pytest

import analysis


def _page(paths, lang="en") -> str:
    """The report page with its data marks taken off (<span translate="no">oita</span> -> oita),
    so that sentences read as a reader sees them."""
    return re.sub(r'<span translate="no">(.*?)</span>', r"\1", analysis.build_html(paths, lang))


def _images(html):
    return re.findall(r'<img alt="[^"]*" src="data:image/svg\+xml;base64,([^"]+)">', html)


def _check_self_contained(html):
    assert "<script" not in html
    assert not re.search(r'(src|href)="(https?:)?//', html)  # no network access needed
    imgs = _images(html)
    assert imgs and html.count("<img") == len(imgs)
    for data in imgs:
        svg = base64.b64decode(data)
        assert svg.startswith(b"<?xml") and b"<svg" in svg[:1000]
        assert not re.search(rb'href="(https?:)?//', svg)  # images embedded (rasterised parts as data), no links


def test_one_run(oita_pair):
    html = _page([oita_pair[0]])
    _check_self_contained(html)
    with analysis.open_run(oita_pair[0]) as run:
        p = analysis.probability_all_covered(run)
        seed, commit, version = run.attrs["seed"], run.attrs["git_commit"], run.attrs["tsunagi_version"]
        risky = analysis.at_risk(run)
    assert "What was simulated" in html and "The answer in brief" in html
    assert f"<b>{p:.0%}</b>" in html and "2027-03-31" in html
    for name in risky["name"]:
        assert name in html
    assert "基幹相談支援センター" in html and "Where the advisers' time goes" in html
    assert "Assumptions and their sources" in html and "docs/parameters.md" in html
    tail = html[html.index("<h2>Provenance"):]
    for value in (seed, commit, version, "oita"):
        assert str(value) in tail
    assert "People's cases" not in html  # no [cases] table


def test_comparison_of_runs(oita_pair):
    html = _page(list(oita_pair))
    _check_self_contained(html)
    assert "oita_on_request minus oita" in html and "percentage points" in html
    assert html.count("基幹 stages of") == 2


def test_experiment(experiment_path):
    html = _page([experiment_path])
    _check_self_contained(html)
    assert "on_request minus outreach" in html and "outreach" in html
    assert "oita_strategies" in html[html.index("<h2>Provenance"):]


def test_cases_section(cases_log_run):
    html = _page([cases_log_run])
    _check_self_contained(html)
    assert "People's cases" in html and "gave up waiting" in html


def test_placeholders_are_shown_as_such(tsunagi_bin, run_scenario, scenarios_dir, tmp_path):
    # A scenario written by `tsunagi new` rests on placeholders: the report says so, per
    # setting, instead of citing a source it does not have.
    import subprocess
    scenario = tmp_path / "pref03.toml"
    subprocess.run([str(tsunagi_bin), "new", "03", "-o", str(scenario), "--census",
                    str(scenarios_dir / "data" / "municipalities_2020.csv")], check=True, capture_output=True)
    run = run_scenario(scenario, tmp_path / "pref03.h5", 2)
    html = _page([run])
    assert "rests on 6 placeholders" in html
    assert "PLACEHOLDER (not known): which municipalities are at which stage is not known" in html
    assert "seed 000 counts per prefecture" not in html
    with analysis.open_run(run) as r:
        assert [p["key"] for p in analysis.report.placeholders(r)][:2] == ["initial.kikan", "initial.kyoten"]
    # A shipped scenario has none.
    assert "placeholders</b>" not in _page([run_scenario(scenarios_dir / "oita.toml",
                                                                        tmp_path / "o.h5", 2)])


def test_target_outside_the_run(run_scenario, scenarios_dir, tmp_path):
    short = run_scenario(scenarios_dir / "oita.toml", tmp_path / "short.h5", 2, "--set", "scenario.end=2025-03-31")
    html = _page([short])
    assert "outside them" in html


def test_sweep_without_sensitivity_module(sweep_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "analysis.sensitivity", None)  # import fails: as before it existed
    monkeypatch.delattr(analysis, "sensitivity", raising=False)
    html = _page([sweep_path])
    _check_self_contained(html)
    assert "What drives the results" in html and "development.kikan.work_rate" in html
    assert "against each parameter" in html


def test_sweep_uses_sensitivity_module(sweep_path, monkeypatch):
    calls = []
    fake = types.ModuleType("analysis.sensitivity")

    def sobol(path, output):
        calls.append((str(path), output))
        return pd.DataFrame({"parameter": ["a"], "S1": [0.5], "S1_low": [0.4], "S1_high": [0.6], "ST": [0.6],
                             "ST_low": [0.5], "ST_high": [0.7]})

    def plot_sobol(df, ax=None):
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots()
        ax.bar(df["parameter"], df["S1"])
        return fig

    fake.sobol, fake.plot_sobol = sobol, plot_sobol
    monkeypatch.setitem(sys.modules, "analysis.sensitivity", fake)
    monkeypatch.setattr(analysis, "sensitivity", fake, raising=False)
    html = _page([sweep_path])
    assert calls == [(str(sweep_path), "kikan_coverage_2027")]
    assert "first-order" in html


def test_write_report_leaves_nothing_on_failure(tmp_path, oita_pair):
    out = tmp_path / "r.html"
    with pytest.raises(FileNotFoundError):
        analysis.write_report([oita_pair[0], tmp_path / "missing.h5"], out)
    assert list(tmp_path.iterdir()) == []


def test_unpaired_runs_are_said_so(oita_pair, run_scenario, scenarios_dir, tmp_path):
    other = run_scenario(scenarios_dir / "comparisons" / "oita_on_request.toml", tmp_path / "s9.h5", 4, "--seed", "9")
    html = _page([oita_pair[0], other])
    assert "cannot be paired" in html and "percentage points</b>" not in html


def test_files_of_the_real_writers(run_tsunagi, scenarios_dir, tmp_path):
    """`tsunagi experiment` and `tsunagi sweep` output through the readers, the report and export
    (skipped with a binary built before those commands existed)."""
    if "experiment" not in run_tsunagi("--help").stdout:
        pytest.skip("this tsunagi binary has no experiment command yet")
    exp = tmp_path / "exp.h5"
    proc = run_tsunagi("experiment", scenarios_dir / "experiments" / "oita_strategies.toml", "-o", exp,
                       "--replicates", "3", "--quiet")
    assert proc.returncode == 0, proc.stderr
    sweep_toml = tmp_path / "sweep.toml"
    text = (scenarios_dir / "sweeps" / "oita_sobol.toml").read_text(encoding="utf-8")
    sweep_toml.write_text(text.replace('"../oita.toml"', f'"{scenarios_dir / "oita.toml"}"')
                          .replace("samples = 128", "samples = 8"), encoding="utf-8")
    sweep = tmp_path / "sweep.h5"
    proc = run_tsunagi("sweep", sweep_toml, "-o", sweep, "--replicates", "2", "--quiet")
    assert proc.returncode == 0, proc.stderr
    with analysis.open_file(exp) as e:
        assert e.variant_names[0] == e.baseline and len(e.variant_names) > 1
        second = e.variant_names[1]
    html = _page([exp, sweep])
    _check_self_contained(html)
    assert f"{second} minus" in html and "What drives the results" in html
    assert analysis.export_csv(sweep, tmp_path / "csv")


def test_titles_small_differences_and_runs_of_one_scenario(experiment_path, run_scenario, scenarios_dir, tmp_path):
    # An experiment's report is titled by the experiment and names each variant with its title.
    html = _page([experiment_path])
    with analysis.open_file(experiment_path) as e:
        title, variant_titles = e.attrs["experiment_title"], e.variant_titles
    assert f"<h1>tsunagi: {title}</h1>" in html.replace("&#x27;", "'")
    for t in variant_titles[1:]:
        assert t.replace("'", "&#x27;") in html
    # Differences under 5 points keep a decimal, so that a small effect does not read as +0.
    from analysis.report import _pp
    assert _pp(0.004) == "+0.4" and _pp(-0.12) == "-12" and _pp(0.0) == "+0.0"
    # Two runs of one scenario made with --set are told apart by their files.
    a = run_scenario(scenarios_dir / "oita.toml", tmp_path / "five.h5", 2)
    b = run_scenario(scenarios_dir / "oita.toml", tmp_path / "seven.h5", 2, "--set", "advisers.count=7")
    html = _page([a, b])
    assert "oita (five.h5)" in html and "oita (seven.h5)" in html
