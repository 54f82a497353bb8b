"""What a planner writes (issue 20, items 4 and 7), run as a subprocess: variants that name
a scenario file, variants that switch on a dynamic the baseline lacks (refused, located,
nothing written), advisers who leave for good, `count` beside teams (refused), the
`validate` line that names the prefecture, `experiment --metric`, and sweeps: Ctrl-C keeps
the journal and says so, output dates read as the last record on or before them."""

import json
import re
import signal
import subprocess
import time

import h5py
import numpy as np
from support import assert_refused, line_of, run_ok


def q(s):
    return json.dumps(str(s), ensure_ascii=False)


def experiment(scenario, variants, replicates=3, seed=5):
    """variants: (name, [overrides], scenario file or None)."""
    text = f"[experiment]\nname = \"planner\"\nscenario = {q(scenario)}\nreplicates = {replicates}\nseed = {seed}\n"
    for name, overrides, own in variants:
        text += f"\n[[variant]]\nname = {q(name)}\n"
        if own is not None:
            text += f"scenario = {q(own)}\n"
        if overrides is not None:
            text += f"set = [{', '.join(q(o) for o in overrides)}]\n"
    return text


def test_variant_with_its_own_scenario_file_is_that_scenario_under_common_random_numbers(
        tmp_path, scenarios_dir, run_tsunagi):
    # other.toml is Oita with 7 advisers; a variant naming it must equal a variant that sets
    # advisers.count=7 on Oita, replicate by replicate (same seed, same replicates).
    other = tmp_path / "other.toml"
    other.write_text(f"[scenario]\nbase = {q((scenarios_dir / 'oita.toml').resolve())}\nname = \"other\"\n"
                     "seed = 999\nreplicates = 9\n\n[advisers]\ncount = 7\n")
    exp = tmp_path / "e.toml"
    exp.write_text(experiment((scenarios_dir / "oita.toml").resolve(),
                              [("by_file", None, "other.toml"), ("by_set", ["advisers.count=7"], None),
                               ("file_and_set", ["advisers.strategy=on_request"], "other.toml")]))
    out = tmp_path / "e.h5"
    run_ok(run_tsunagi, "experiment", exp, "-o", out, "-q", "--threads", "1")
    plain = tmp_path / "plain.h5"
    run_ok(run_tsunagi, "run", scenarios_dir / "oita.toml", "-o", plain, "-q", "--threads", "1", "--seed", "5",
           "--replicates", "3", "--set", "advisers.count=7", "--set", "advisers.strategy=on_request")
    with h5py.File(out, "r") as f, h5py.File(plain, "r") as p:
        v = f["series/kikan_coverage"][()]  # (variant, replicate, time)
        assert v.shape[0] == 4 and v.shape[1] == 3
        np.testing.assert_array_equal(v[1], v[2])
        np.testing.assert_array_equal(v[3], p["series/kikan_coverage"][()])


def test_variant_that_switches_on_workforce_is_refused_at_its_key(tmp_path, scenarios_dir, run_tsunagi):
    exp = tmp_path / "e.toml"
    text = experiment((scenarios_dir / "oita.toml").resolve(),
                      [("fine", ["advisers.count=3"], None),
                       ("cut", ["workforce.departures=[{date=2026-04-01, role=\"adviser\", count=2}]"], None)])
    exp.write_text(text)
    out = tmp_path / "e.h5"
    cut_line = line_of(text, 'name = "cut"') - 1
    proc = assert_refused(run_tsunagi, "experiment", exp, out, [
        rf"e\.toml:{cut_line}: variant\.set: workforce\.departures: variant \"cut\" "
        r"switches on \[workforce\]",
        r"put the \[workforce\] table in the baseline's scenario", r"advisers\.departure"])
    assert "nothing was written" in proc.stderr
    assert not out.exists() and not list(tmp_path.glob(".e.h5.tmp-*"))


def test_permanent_departure_cuts_hours_from_the_date_and_changes_nothing_before(tmp_path, scenarios_dir,
                                                                                 run_tsunagi):
    exp = tmp_path / "e.toml"
    exp.write_text(experiment((scenarios_dir / "oita.toml").resolve(),
                              [("cut", ["advisers.departure=[{date=2026-04-01, count=2}]"], None)]))
    out = tmp_path / "e.h5"
    run_ok(run_tsunagi, "experiment", exp, "-o", out, "-q", "--threads", "1")
    with h5py.File(out, "r") as f:
        dates = list(f["time/date"].asstr()[()])
        avail = f["series/adviser_hours_available"][()]
        cov = f["series/kikan_coverage"][()]
    cut = dates.index("2026-04-01")
    n = 5  # Oita's advisers
    # Before the date the variant is the baseline, exactly, in every series read.
    np.testing.assert_array_equal(avail[0, :, :cut + 1], avail[1, :, :cut + 1])
    np.testing.assert_array_equal(cov[0, :, :cut + 1], cov[1, :, :cut + 1])
    # From the date on, 3 of 5 advisers' hours, and they never come back.
    later = avail[:, :, cut + 1:]
    assert later.size > 0
    np.testing.assert_allclose(later[1], later[0] * (n - 2) / n, rtol=1e-5)


def test_count_beside_teams_is_refused_with_how_they_combine(tmp_path, scenarios_dir, run_tsunagi):
    proc = run_tsunagi("validate", scenarios_dir / "kochi.toml", "--set", "advisers.count=9")
    assert proc.returncode == 2, proc.stderr
    assert "advisers.count" in proc.stderr
    assert "found count = 9 beside 7 advisers in [[team]] entries" in proc.stderr
    assert "(16 advisers)" in proc.stderr and "advisers.team=[" in proc.stderr


def test_validate_names_the_prefecture_and_the_kinds_of_advisers(scenarios_dir, run_tsunagi):
    proc = run_ok(run_tsunagi, "validate", scenarios_dir / "kochi.toml")
    assert "advisers    Kochi (39): 7 advisers: 7 placement" in proc.stdout, proc.stdout
    proc = run_ok(run_tsunagi, "validate", scenarios_dir / "oita.toml", "--set",
                  "advisers.departure=[{date=2026-04-01, count=2}]")
    assert "Oita (44): 5 advisers: 5 dispatch" in proc.stdout, proc.stdout
    assert "2 leave for good on 2026-04-01" in proc.stdout


def test_departure_outside_the_run_is_refused(scenarios_dir, run_tsunagi):
    proc = run_tsunagi("validate", scenarios_dir / "oita.toml", "--set",
                       "advisers.departure=[{date=2040-04-01, count=2}]")
    assert proc.returncode == 2 and "expected day 1 of a month from" in proc.stderr, proc.stderr


def test_experiment_metric_picks_the_series_printed(tmp_path, scenarios_dir, run_tsunagi):
    exp = tmp_path / "e.toml"
    exp.write_text(experiment((scenarios_dir / "oita.toml").resolve(), [("three", ["advisers.count=3"], None)],
                              replicates=2))
    out = tmp_path / "e.h5"
    proc = run_ok(run_tsunagi, "experiment", exp, "-o", out, "-q", "--metric", "kikan_municipalities")
    assert "kikan_municipalities (municipalities)" in proc.stdout
    assert "kikan_coverage (" not in proc.stdout
    bad = run_tsunagi("experiment", exp, "-o", tmp_path / "b.h5", "-q", "--metric", "kikan_municipalitis")
    assert bad.returncode == 2 and "did you mean 'kikan_municipalities'?" in bad.stderr, bad.stderr
    assert not (tmp_path / "b.h5").exists()


def sweep_text(scenario, date=None, samples=40):
    text = (f"[sweep]\nname = \"s\"\nscenario = {q(scenario)}\ndesign = \"latin_hypercube\"\nsamples = {samples}\n"
            "replicates = 2\nseed = 3\n\n[[parameter]]\nkey = \"advisers.count\"\nmin = 1\nmax = 8\ninteger = true\n"
            "\n[[output]]\nname = \"cov\"\nseries = \"kikan_coverage\"\n")
    if date:
        text += f"date = {date}\n"
    return text


def test_sweep_output_date_is_the_last_record_on_or_before_it(tmp_path, scenarios_dir, run_tsunagi):
    results = {}
    # 2027-03-15 is not a record date (2027-03-31, the target date, is one): it reads 2027-03-01.
    for date in ("2027-03-15", "2027-03-01"):
        sw = tmp_path / f"s{date}.toml"
        sw.write_text(sweep_text((scenarios_dir / "oita.toml").resolve(), date, samples=3))
        out = tmp_path / f"s{date}.h5"
        run_ok(run_tsunagi, "sweep", sw, "-o", out, "-q")
        with h5py.File(out, "r") as f:
            results[date] = f["outputs/cov/values"][()] if "values" in f["outputs/cov"] else None
            assert f["outputs/cov"].attrs["date"] in ("2027-03-01", b"2027-03-01")
            results[date] = {k: f["outputs/cov"][k][()] for k in f["outputs/cov"].keys()}
    for k in results["2027-03-01"]:
        np.testing.assert_array_equal(results["2027-03-15"][k], results["2027-03-01"][k])


def test_sweep_output_date_outside_the_run_is_refused(tmp_path, scenarios_dir, run_tsunagi):
    sw = tmp_path / "s.toml"
    text = sweep_text((scenarios_dir / "oita.toml").resolve(), "2040-01-01", samples=3)
    sw.write_text(text)
    out = tmp_path / "s.h5"
    out_line = line_of(text, "[[output]]")
    assert_refused(run_tsunagi, "sweep", sw, out,
                   [rf"s\.toml:{out_line}: output\.date: found 2040-01-01, which is outside the run"])
    assert not out.exists() and not (tmp_path / "s.h5.journal").exists()


def test_sweep_interrupted_says_how_many_points_are_kept_and_how_to_resume(tmp_path, scenarios_dir, tsunagi_bin):
    sw = tmp_path / "s.toml"
    sw.write_text(sweep_text((scenarios_dir / "oita.toml").resolve(), samples=400))
    out = tmp_path / "s.h5"
    journal = tmp_path / "s.h5.journal"
    proc = subprocess.Popen([str(tsunagi_bin), "sweep", str(sw), "-o", str(out), "--threads", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # Wait (bounded) until the journal holds a point, then interrupt.
    for _ in range(600):
        if journal.exists() and journal.stat().st_size > 0 and len(journal.read_text().splitlines()) > 2:
            break
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the sweep finished before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    m = re.search(r"tsunagi: interrupted; (\d+) of 400 points kept in (\S+); run the same command to resume", err)
    assert m, err
    assert m.group(2) == f"{out}.journal"
    assert int(m.group(1)) >= 1
    assert "nothing was written" not in err
    assert journal.exists() and not out.exists()
