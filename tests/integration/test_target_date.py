"""Answers on the target date (docs/output.md, "Record dates"): the state on
output.target_date (default 2027-03-31, the end of FY2026) is recorded, shown as its own
row by `run`, `summarize` and `experiment`, and the probability that every municipality
has a 基幹 by it is computed there; `--by DATE` asks about another date. The reference
values are computed from the file with h5py, independently of the C++ summary."""

import re

import h5py
import numpy as np
import pytest

from support import run_ok


def p_all(path, date, variant=None):
    """Share of replicates in which every municipality has a 基幹 on the record of `date`."""
    with h5py.File(path, "r") as f:
        dates = list(f["time/date"].asstr()[:])
        cov = f["series/kikan_coverage"][()]
    if variant is not None:
        cov = cov[variant]
    return float(np.mean(cov[:, dates.index(date)] >= 1.0 - 1e-12)), dates


@pytest.fixture(scope="module")
def oita_run(run_tsunagi, scenarios_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("target") / "oita.h5"
    proc = run_ok(run_tsunagi, "run", scenarios_dir / "oita.toml", "-o", out, "-q", "--replicates", "40")
    return out, proc.stdout


def test_the_target_date_is_recorded_and_has_its_own_row(oita_run):
    out, stdout = oita_run
    p, dates = p_all(out, "2027-03-31")
    assert dates[dates.index("2027-03-31") - 1] == "2027-03-01"
    assert dates[dates.index("2027-03-31") + 1] == "2027-04-01"
    assert re.search(r"^  2027-03-31  2026 .*<- target date$", stdout, re.M)
    m = re.search(r"P\(every municipality has a 基幹 by 2027-03-31\) = ([0-9.]+) \((\d+) of 40", stdout)
    assert m and int(m.group(2)) == round(p * 40)


def test_the_target_row_differs_from_the_next_april_where_april_openings_miss_the_target(oita_run):
    out, _ = oita_run
    with h5py.File(out, "r") as f:
        dates = list(f["time/date"].asstr()[:])
        k = f["series/kikan_municipalities"][()]
    # Centres budgeted for FY2027 open on 2027-04-01: after the target, not by it.
    assert k[:, dates.index("2027-04-01")].mean() > k[:, dates.index("2027-03-31")].mean()
    assert np.array_equal(k[:, dates.index("2027-03-31")], k[:, dates.index("2027-03-01")])


def test_by_records_another_date(run_tsunagi, scenarios_dir, tmp_path):
    out = tmp_path / "by.h5"
    proc = run_ok(run_tsunagi, "run", scenarios_dir / "oita.toml", "-o", out, "-q", "--replicates", "8",
                  "--by", "2026-09-30")
    p, dates = p_all(out, "2026-09-30")
    assert "2027-03-31" not in dates
    assert re.search(r"^  2026-09-30  2026 .*<- target date$", proc.stdout, re.M)
    assert f"P(every municipality has a 基幹 by 2026-09-30) = {p:.2f}" in proc.stdout


def test_summarize_by_a_date_that_is_not_recorded_says_which_record_it_used(run_tsunagi, oita_run):
    out, _ = oita_run
    proc = run_ok(run_tsunagi, "summarize", out, "--by", "2026-12-31")
    assert "2026-12-31 is not a record date of this run" in proc.stdout and "record of 2026-12-01" in proc.stdout
    p, _ = p_all(out, "2026-12-01")
    assert f"P(every municipality has a 基幹 by 2026-12-31) = {p:.2f}" in proc.stdout
    assert re.search(r"^  2026-12-01  2026 .*<- target date$", proc.stdout, re.M)
    bad = run_tsunagi("summarize", out, "--by", "2026-13-01")
    assert bad.returncode == 2 and "expected a date YYYY-MM-DD" in bad.stderr


def test_a_bad_target_date_is_refused_at_its_key(run_tsunagi, scenarios_dir, tmp_path):
    out = tmp_path / "bad.h5"
    proc = run_tsunagi("run", scenarios_dir / "oita.toml", "-o", out, "-q", "--by", "2027-02-30")
    assert proc.returncode == 2 and "output.target_date" in proc.stderr
    assert not out.exists()


def test_experiment_gives_the_probability_per_variant_with_its_paired_difference(run_tsunagi, scenarios_dir,
                                                                                  tmp_path):
    out = tmp_path / "e.h5"
    proc = run_ok(run_tsunagi, "experiment", scenarios_dir / "experiments" / "oita_strategies.toml", "-o", out,
                  "--replicates", "20")
    with h5py.File(out, "r") as f:
        names = list(f["variants/name"].asstr()[:])
    base, _ = p_all(out, "2027-03-31", 0)
    for v, name in enumerate(names):
        p, _ = p_all(out, "2027-03-31", v)
        line = re.search(rf"^  {name} +([0-9.]+)(.*)$", proc.stdout, re.M)
        assert line, name
        assert float(line.group(1)) == pytest.approx(p, abs=0.005), name
        if v > 0:
            assert line.group(2).strip().startswith(f"({p - base:+.2f}"), name
    summarized = run_ok(run_tsunagi, "summarize", out).stdout
    assert "P(every municipality has a 基幹 by 2027-03-31), share of replicates" in summarized
