"""The connected model through the command line (docs/model.md §5.14): scenarios/connected,
unstable queues named by run and summarize, experiments that keep each agency's case
series, and located refusals of bad coupling and category keys."""

import re

import numpy as np
import pytest

import analysis

AGENCIES = ["plan_provider", "commissioned", "kikan", "houkatsu", "jiritsu", "child_family", "hub", "conference"]
EXITS = ["resolved", "handed_over", "moved_away", "died", "unresolved", "dropped_out", "gave_up"]


def run_ok(run_tsunagi, *args):
    proc = run_tsunagi(*args)
    assert proc.returncode == 0, f"tsunagi {' '.join(map(str, args))} failed (exit {proc.returncode}):\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def connected_experiment(run_tsunagi, scenarios_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("connected") / "connected.h5"
    proc = run_ok(run_tsunagi, "experiment", scenarios_dir / "connected" / "oita_experiment.toml", "-o", out,
                  "--replicates", "3", "-q")
    return out, proc.stdout


def test_run_and_summarize_name_the_growing_conference_queue(run_tsunagi, scenarios_dir, tmp_path):
    # Conferences of 10 a meeting whatever the size (the default scales them by population).
    out = tmp_path / "connected.h5"
    proc = run_ok(run_tsunagi, "run", scenarios_dir / "connected" / "oita.toml", "-o", out, "--replicates", "3",
                  "--set", "cases.conference_capacity_per_100k=0")
    for text in (proc.stdout, run_ok(run_tsunagi, "summarize", out).stdout):
        assert "UNSTABLE QUEUES" in text
        line = next(x for x in text.splitlines() if x.strip().startswith("conference:"))
        assert "大分市" in line  # the prefecture's largest city: capacity 10 a meeting cannot keep up
        assert "case_waiting_long_total" in text
    # The named growth agrees with the file: the conference queue of Oita city over the last two years.
    with analysis.open_run(out) as r:
        w = r.array("case_waiting")[..., AGENCIES.index("conference")]
        names = list(r.municipalities["name"])
        oita = names.index("大分市")
        years = (r.dates - r.dates[0]).days / 365.25
        last = years >= years[-1] - 2 - 1e-9
        slope = np.polyfit(years[last], w[:, last, oita].mean(axis=0), 1)[0]
        assert slope > 100
        named = int(re.search(r"大分市 \+([\d,]+)", line).group(1).replace(",", ""))
        assert abs(named - slope) <= 1


def test_conferences_sized_by_population_keep_up(run_tsunagi, scenarios_dir, tmp_path):
    out = tmp_path / "connected.h5"
    proc = run_ok(run_tsunagi, "run", scenarios_dir / "connected" / "oita.toml", "-o", out, "--replicates", "2")
    assert "conference:" not in proc.stdout


def test_experiment_keeps_each_agency_and_exit_as_totals_that_add_up(connected_experiment):
    path, stdout = connected_experiment
    assert "UNSTABLE QUEUES" in stdout and "conference_fixed_10: conference +" in stdout
    with analysis.open_experiment(path) as e:
        for v in e.variant_names:
            run = e.variant(v)
            total = run.array("case_waiting_total")
            by_agency = sum(run.array(f"case_waiting[{a}]") for a in AGENCIES)
            np.testing.assert_allclose(by_agency, total, rtol=1e-9)
            lost = run.array("case_lost_total")
            np.testing.assert_allclose(run.array("case_exits[dropped_out]") + run.array("case_exits[gave_up]"), lost,
                                       rtol=1e-9)
            long_ = sum(run.array(f"case_waiting_long[{a}]") for a in AGENCIES)
            np.testing.assert_allclose(long_, run.array("case_waiting_long_total"), rtol=1e-9)
        # Conferences sized by population keep up; of a fixed 10 they do not; uncoupled there are none.
        assert e.variant("connected").array("case_waiting[conference]")[:, -1].max() < 100
        assert e.variant("conference_fixed_10").array("case_waiting[conference]")[:, -1].min() > 1000
        assert e.variant("uncoupled").array("case_waiting[conference]").max() == 0


def test_experiment_metric_takes_an_agency_series(run_tsunagi, connected_experiment):
    path, _ = connected_experiment
    proc = run_ok(run_tsunagi, "summarize", path, "--metric", "case_waiting[hub]")
    assert "case_waiting[hub]" in proc.stdout and "multi_layered_early" in proc.stdout


def test_a_bad_category_series_is_refused_at_its_key(run_tsunagi, scenarios_dir, tmp_path):
    spec = tmp_path / "bad.toml"
    spec.write_text(f"""[experiment]
name = "bad"
scenario = "{(scenarios_dir / 'connected' / 'oita.toml').as_posix()}"
replicates = 1
category_series = ["case_new"]

[[variant]]
name = "more"
set = ["advisers.count=6"]
""", encoding="utf-8")
    out = tmp_path / "bad.h5"
    proc = run_tsunagi("experiment", spec, "-o", out)
    assert proc.returncode == 2, proc.stderr
    assert "experiment.category_series" in proc.stderr and "case_new" in proc.stderr
    assert not out.exists()


def test_an_unknown_coupling_key_is_refused_at_its_line(run_tsunagi, scenarios_dir, tmp_path):
    out = tmp_path / "x.h5"
    proc = run_tsunagi("run", scenarios_dir / "connected" / "oita.toml", "-o", out,
                       "--set", "cases.coupling.routing_from_stages=true")
    assert proc.returncode == 2
    assert "cases.coupling.routing_from_stages" in proc.stderr and "routing_from_development" in proc.stderr
    assert not out.exists()


def test_python_growing_queues_agree_with_the_command(connected_experiment):
    path, stdout = connected_experiment
    printed = int(re.search(r"conference_fixed_10: conference \+([\d,]+) a year", stdout).group(1).replace(",", ""))
    with analysis.open_experiment(path) as e:
        g = analysis.caseflow.growing_queues(e.variant("conference_fixed_10"))
        row = g[g.agency == "conference"].iloc[0]
        assert row.municipality == "all"
        assert abs(row.growth_per_year - printed) <= 1
        assert analysis.caseflow.growing_queues(e.variant("uncoupled")).empty


def test_the_experiment_report_has_a_case_section_by_agency(connected_experiment):
    path, _ = connected_experiment
    html = analysis.build_html([path])
    assert "People&#x27;s cases" in html or "People's cases" in html
    assert "Queues that keep growing" in html
    assert "Households waiting on 2027-03-31, by agency" in html
    with analysis.open_experiment(path) as e:
        run = e.variant("connected")
        t = np.flatnonzero(run.dates == np.datetime64("2027-03-31"))[0]
        waiting = run.array("case_waiting[conference]")[:, t].mean()
        table = analysis.caseflow.agency_comparison([e.variant(v) for v in e.variant_names], day="2027-03-31")
    assert table.loc["conference", "connected"] == pytest.approx(waiting)
    assert f"{waiting:,.0f}" in html
    # fixed conferences: the queue is longer in every paired future
    assert table.loc["conference", "conference_fixed_10 minus connected lower"] > 0
