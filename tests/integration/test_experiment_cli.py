"""`tsunagi experiment`, run as a subprocess: common random numbers (a variant that changes
nothing differs by exactly 0, each variant is the plain run of its overrides), paired
differences and their t intervals, reproducibility over threads and MPI ranks, adaptive
replicates (--precision), located input errors (exit 2, nothing written), refusing to
overwrite, and `summarize` of an experiment file."""

import io
import json
import re
import tomllib

import h5py
import numpy as np
import pandas as pd
import pytest
from scipy import stats
from support import assert_refused, assert_same_files, leftovers, line_of, mpirun, run_ok

REPLICATES = 5  # odd, so that two MPI ranks get unequal shares
SEED = 11
PRECISION_DATE = "2026-04-01"  # on_request's difference in kikan_coverage is wide here

# ---------------------------------------------------------------------------------------------
# helpers


def toml_string(s):
    return json.dumps(str(s), ensure_ascii=False)


def experiment_text(scenario, variants, replicates=REPLICATES, seed=SEED, baseline="outreach", name="crn"):
    """An experiment file: `variants` is a list of (name, [overrides])."""
    text = (f"[experiment]\nname = {toml_string(name)}\ntitle = \"test experiment\"\n"
            f"scenario = {toml_string(scenario)}\nbaseline = {toml_string(baseline)}\n")
    if replicates is not None:
        text += f"replicates = {replicates}\n"
    if seed is not None:
        text += f"seed = {seed}\n"
    for vname, overrides in variants:
        text += f"\n[[variant]]\nname = {toml_string(vname)}\nset = [{', '.join(toml_string(o) for o in overrides)}]\n"
    return text


def oita_adviser_count(scenarios_dir):
    with open(scenarios_dir / "oita.toml", "rb") as f:
        return tomllib.load(f)["advisers"]["count"]


def dates_of(f):
    return list(f["time/date"].asstr()[()])


def widest_half_width(diffs, n):
    """Widest 95% t half width over the variants (not the baseline) of the mean paired
    difference of the first n replicates; diffs is (V, R)."""
    widest = 0.0
    for v in range(1, diffs.shape[0]):
        x = diffs[v, :n]
        widest = max(widest, stats.t.ppf(0.975, n - 1) * x.std(ddof=1) / np.sqrt(n))
    return widest


# ---------------------------------------------------------------------------------------------
# fixtures: one experiment (baseline outreach, a variant that changes nothing, on_request)


@pytest.fixture(scope="module")
def exp_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("experiment")


@pytest.fixture(scope="module")
def same_count(scenarios_dir):
    return oita_adviser_count(scenarios_dir)


@pytest.fixture(scope="module")
def exp_file(exp_dir, scenarios_dir, same_count):
    path = exp_dir / "crn.toml"
    path.write_text(experiment_text((scenarios_dir / "oita.toml").resolve(),
                                    [("same_count", [f"advisers.count={same_count}"]),
                                     ("on_request", ["advisers.strategy=on_request"])]), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def exp_t1(run_tsunagi, exp_file, exp_dir):
    out = exp_dir / "t1.h5"
    run_ok(run_tsunagi, "experiment", exp_file, "-o", out, "--threads", "1", "-q")
    return out


# ---------------------------------------------------------------------------------------------
# the file


def test_file_layout(exp_t1, same_count):
    with h5py.File(exp_t1, "r") as f:
        a = f.attrs
        assert a["schema"] == "tsunagi" and a["schema_version"] == 1
        assert a["file_type"] == "experiment"
        assert a["experiment_name"] == "crn"
        assert a["baseline"] == "outreach"
        assert a["replicates"] == REPLICATES and a["seed"] == SEED
        assert a["threads"] == 1 and a["ranks"] == 1
        assert str(REPLICATES) in a["replicates_decided_by"]
        assert list(f["variants/name"].asstr()[()]) == ["outreach", "same_count", "on_request"]
        assert list(f["variants/overrides"].asstr()[()]) == ["", f"advisers.count={same_count}",
                                                             "advisers.strategy=on_request"]
        tomls = list(f["variants/scenario_toml"].asstr()[()])
        assert len(tomls) == 3 and 'strategy = "on_request"' in tomls[2] and 'strategy = "on_request"' not in tomls[0]
        assert list(f["replicate"][()]) == list(range(REPLICATES))
        T = len(f["time/date"])
        M = len(f["municipalities/code"])
        assert M == 18 and T > 12
        assert len(f["series"]) >= 10
        for name, ds in f["series"].items():
            assert ds.shape == (3, REPLICATES, T) and ds.dtype == np.float64, name
            assert f["differences"][name].shape == (3, REPLICATES, T)
            for suffix in ("_mean", "_lower", "_upper"):
                assert f["differences"][name + suffix].shape == (3, T)
        stage = f["municipal_series/kikan_stage"]
        assert stage.shape == (3, REPLICATES, T, M) and stage.dtype == np.int8


def test_variants_are_the_plain_runs_of_their_overrides(run_tsunagi, scenarios_dir, exp_t1, exp_dir):
    """Common random numbers: each variant's replicates are exactly `tsunagi run` of the
    scenario with the variant's overrides, the same seed and replicate numbers."""
    runs = {}
    for v, extra in ((0, []), (2, ["--set", "advisers.strategy=on_request"])):
        out = exp_dir / f"plain_{v}.h5"
        run_ok(run_tsunagi, "run", scenarios_dir / "oita.toml", "-o", out, "--replicates", REPLICATES,
               "--seed", SEED, "--threads", "1", "-q", "--overwrite", *extra)
        runs[v] = out
    with h5py.File(exp_t1, "r") as e:
        for v, path in runs.items():
            with h5py.File(path, "r") as r:
                assert dates_of(e) == dates_of(r)
                for name in e["series"]:
                    np.testing.assert_array_equal(e["series"][name][v], r["series"][name][()].astype(np.float64),
                                                  err_msg=f"variant {v}, series {name}")
                np.testing.assert_array_equal(e["municipal_series/kikan_stage"][v], r["series/kikan_stage"][()])


def test_variant_that_changes_nothing_has_zero_differences(exp_t1):
    with h5py.File(exp_t1, "r") as f:
        checked = 0
        for name in f["series"]:
            s = f["series"][name][()]
            np.testing.assert_array_equal(s[1], s[0], err_msg=f"series {name}: same_count differs from the baseline")
            d = f["differences"][name][()]
            assert np.all(d[0] == 0.0) and np.all(d[1] == 0.0), name
            for suffix in ("_mean", "_lower", "_upper"):
                x = f["differences"][name + suffix][()]
                assert np.all(x[:2] == 0.0), f"{name}{suffix}: baseline/same_count not exactly 0"
            checked += 1
        assert checked >= 10
        stage = f["municipal_series/kikan_stage"][()]
        np.testing.assert_array_equal(stage[1], stage[0])


def test_differences_and_intervals(exp_t1):
    with h5py.File(exp_t1, "r") as f:
        R = f.attrs["replicates"]
        tq = stats.t.ppf(0.975, R - 1)
        nonzero = []
        for name in f["series"]:
            s = f["series"][name][()]
            d = f["differences"][name][()]
            expected = s - s[0][np.newaxis]
            np.testing.assert_array_equal(d, expected, err_msg=f"/differences/{name} is not series - baseline")
            mean = d.mean(axis=1)
            half = tq * d.std(axis=1, ddof=1) / np.sqrt(R)
            np.testing.assert_allclose(f["differences"][name + "_mean"][()], mean, rtol=1e-12, atol=1e-12,
                                       err_msg=f"{name}_mean")
            np.testing.assert_allclose(f["differences"][name + "_lower"][()], mean - half, rtol=1e-9, atol=1e-12,
                                       err_msg=f"{name}_lower")
            np.testing.assert_allclose(f["differences"][name + "_upper"][()], mean + half, rtol=1e-9, atol=1e-12,
                                       err_msg=f"{name}_upper")
            if np.any(d[2] != 0.0):
                nonzero.append(name)
        # on_request really differs, with a real spread, so the interval check above bites
        assert "kikan_coverage" in nonzero and "adviser_hours_visit" in nonzero
        dates = dates_of(f)
        t = dates.index(PRECISION_DATE)
        d = f["differences/kikan_coverage"][2, :, t]
        assert np.std(d) > 0
        assert f["differences/kikan_coverage_lower"][2, t] < f["differences/kikan_coverage_upper"][2, t]


# ---------------------------------------------------------------------------------------------
# reproducibility


def test_threads_do_not_change_the_file(run_tsunagi, exp_file, exp_t1, exp_dir):
    out = exp_dir / "t2.h5"
    run_ok(run_tsunagi, "experiment", exp_file, "-o", out, "--threads", "2", "-q")
    with h5py.File(out, "r") as f:
        assert f.attrs["threads"] == 2
    assert_same_files(exp_t1, out)


def test_mpi_two_ranks_match_one_process(tsunagi_bin, exp_file, exp_t1, exp_dir):
    out = exp_dir / "mpi.h5"
    proc = mpirun(tsunagi_bin, "experiment", exp_file, "-o", out, "--threads", "1", "-q")
    assert proc.returncode == 0, f"mpirun exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
    with h5py.File(out, "r") as f:
        assert f.attrs["ranks"] == 2, "the binary did not run as 2 MPI ranks (built without MPI?)"
    assert_same_files(exp_t1, out)
    assert leftovers(exp_dir, out.name) == []


def test_mpi_precision_matches_one_process(tsunagi_bin, run_tsunagi, exp_file, exp_dir):
    """Batches are split over the ranks; where the run stops and what it holds must not change."""
    _, goal_value, _, _ = usable_goal(run_tsunagi, exp_file, exp_dir, 40)
    goal = f"kikan_coverage@{PRECISION_DATE}:{goal_value!r}"
    one, two = exp_dir / "precision_1.h5", exp_dir / "precision_mpi.h5"
    run_ok(run_tsunagi, "experiment", exp_file, "-o", one, "--replicates", 45, "--threads", "1", "-q",
           "--precision", goal)
    proc = mpirun(tsunagi_bin, "experiment", exp_file, "-o", two, "--replicates", 45, "--threads", "1", "-q",
                  "--precision", goal)
    assert proc.returncode == 0, f"mpirun exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
    with h5py.File(one, "r") as f:
        assert 10 < f.attrs["replicates"] < 45, "the goal should be reached after a few batches"
    assert_same_files(one, two)


# ---------------------------------------------------------------------------------------------
# --precision


def usable_goal(run_tsunagi, exp_file, exp_dir, maximum):
    """A precision goal between the widths after batches n-10 and n of a fixed run (replicate
    numbers, hence values, do not depend on batching), so that a run must stop after n
    replicates: (n, goal, half widths by batch, the fixed run's series)."""
    ref = exp_dir / f"precision_ref_{maximum}.h5"
    run_ok(run_tsunagi, "experiment", exp_file, "-o", ref, "--replicates", maximum, "-q", "--overwrite")
    with h5py.File(ref, "r") as f:
        t = dates_of(f).index(PRECISION_DATE)
        ref_diffs = f["differences/kikan_coverage"][:, :, t]
        ref_series = {name: ds[()] for name, ds in f["series"].items()}
    widths = {n: widest_half_width(ref_diffs, n) for n in range(10, maximum + 1, 10)}
    stop = next((n for n in range(20, maximum, 10) if widths[n] < min(widths[m] for m in range(10, n, 10)) * 0.97), None)
    assert stop is not None, f"no usable goal: half widths by batch {widths}"
    return stop, (widths[stop] + min(widths[m] for m in range(10, stop, 10))) / 2, widths, ref_series


def test_precision_stops_early(run_tsunagi, exp_file, exp_dir):
    maximum = 60
    stop, goal, widths, ref_series = usable_goal(run_tsunagi, exp_file, exp_dir, maximum)

    out = exp_dir / "precision.h5"
    proc = run_ok(run_tsunagi, "experiment", exp_file, "-o", out, "--replicates", maximum, "-q",
                  "--precision", f"kikan_coverage@{PRECISION_DATE}:{goal!r}")
    with h5py.File(out, "r") as f:
        R = int(f.attrs["replicates"])
        assert R < maximum and R % 10 == 0, R
        assert R == stop, f"stopped at {R} replicates, expected {stop} (half widths by batch {widths}, goal {goal})"
        assert list(f["replicate"][()]) == list(range(R))
        reason = f.attrs["replicates_decided_by"]
        assert "--precision" in reason and "reached" in reason and "not reached" not in reason and str(R) in reason
        t = dates_of(f).index(PRECISION_DATE)
        diffs = f["differences/kikan_coverage"][:, :, t]
        assert widest_half_width(diffs, R) <= goal
        assert widest_half_width(diffs, R - 10) > goal
        # the widest interval in the file is within the goal
        half = (f["differences/kikan_coverage_upper"][1:, t] - f["differences/kikan_coverage_lower"][1:, t]) / 2
        assert half.max() <= goal * (1 + 1e-9)
        for name, values in ref_series.items():
            np.testing.assert_array_equal(f["series"][name][()], values[:, :R], err_msg=name)
    assert f"{R} replicates" in proc.stdout

    # the run one batch shorter misses the goal, and is the first R-10 replicates of this one
    shorter = exp_dir / "precision_shorter.h5"
    run_ok(run_tsunagi, "experiment", exp_file, "-o", shorter, "--replicates", R - 10, "-q")
    with h5py.File(shorter, "r") as s, h5py.File(out, "r") as f:
        t = dates_of(s).index(PRECISION_DATE)
        assert widest_half_width(s["differences/kikan_coverage"][:, :, t], R - 10) > goal
        half = (s["differences/kikan_coverage_upper"][1:, t] - s["differences/kikan_coverage_lower"][1:, t]) / 2
        assert half.max() > goal
        np.testing.assert_array_equal(s["series/kikan_coverage"][()], f["series/kikan_coverage"][:, : R - 10])


def test_precision_not_reached_stops_at_the_maximum(run_tsunagi, exp_file, exp_dir):
    out = exp_dir / "precision_max.h5"
    run_ok(run_tsunagi, "experiment", exp_file, "-o", out, "--replicates", 25, "-q",
           "--precision", f"kikan_coverage@{PRECISION_DATE}:0.000001")
    with h5py.File(out, "r") as f:
        assert f.attrs["replicates"] == 25  # the maximum, not a multiple of the batch
        assert "not reached" in f.attrs["replicates_decided_by"]
        assert f["series/kikan_coverage"].shape[1] == 25


@pytest.mark.parametrize("value, pattern", [
    ("kikan_coverag@2026-04-01:0.01", r"kikan_coverag"),
    ("kikan_coverage@2026-04-15:0.01", r"2026-04-15.*not a record date"),
    ("kikan_coverage:-1", r"not a number > 0"),
], ids=["unknown-metric", "not-a-record-date", "negative-width"])
def test_precision_bad_goal(run_tsunagi, exp_file, tmp_path, value, pattern):
    out = tmp_path / "bad.h5"
    proc = run_tsunagi("experiment", exp_file, "-o", out, "--replicates", 20, "-q", "--precision", value)
    assert proc.returncode == 2, f"exit {proc.returncode}:\n{proc.stderr}"
    assert re.search(r"error: --precision", proc.stderr), proc.stderr
    assert re.search(pattern, proc.stderr), proc.stderr
    assert not out.exists() and leftovers(tmp_path, out.name) == []


# ---------------------------------------------------------------------------------------------
# bad input: exit 2, located messages, nothing written


def assert_experiment_refused(run_tsunagi, path, tmp_path, patterns, count=None):
    out = tmp_path / "out.h5"
    proc = assert_refused(run_tsunagi, "experiment", path, out, patterns)
    if count is not None:
        assert proc.stderr.count("error:") == count, proc.stderr
    assert "nothing was written" in proc.stderr
    assert proc.stdout == ""
    assert not out.exists() and leftovers(tmp_path, out.name) == []
    return proc.stderr


def test_unknown_key_in_variant_set(run_tsunagi, scenarios_dir, tmp_path):
    text = experiment_text((scenarios_dir / "oita.toml").resolve(),
                           [("fine", ["advisers.count=6"]),
                            ("typo", ["advisers.cuont=7"]),
                            ("bad_strategy", ["advisers.strategy=outreech"])])
    path = tmp_path / "typo.toml"
    path.write_text(text, encoding="utf-8")
    typo_line = line_of(text, "[[variant]]", 2)
    strategy_line = line_of(text, "[[variant]]", 3)
    # both problems, each at its own [[variant]] (its header or its set line), with hints
    assert_experiment_refused(run_tsunagi, path, tmp_path, [
        rf"error: \S*typo\.toml:({typo_line}|{typo_line + 2})(:\d+)?: variant\.set: advisers\.cuont: variant \"typo\": unknown key",
        re.escape("did you mean 'count'"),
        rf"error: \S*typo\.toml:({strategy_line}|{strategy_line + 2})(:\d+)?: variant\.set: advisers\.strategy: variant \"bad_strategy\": found \"outreech\"",
        re.escape("did you mean 'outreach'"),
    ], count=2)


def test_duplicate_variant_names(run_tsunagi, scenarios_dir, tmp_path):
    text = experiment_text((scenarios_dir / "oita.toml").resolve(),
                           [("more", ["advisers.count=7"]), ("more", ["advisers.count=3"])])
    path = tmp_path / "dup.toml"
    path.write_text(text, encoding="utf-8")
    second = line_of(text, 'name = "more"', 2)
    assert_experiment_refused(run_tsunagi, path, tmp_path, [
        rf"error: \S*dup\.toml:{second}(:\d+)?: variant\[1\]\.name: found \"more\" a second time"], count=1)


def test_variant_named_like_the_baseline(run_tsunagi, scenarios_dir, tmp_path):
    text = experiment_text((scenarios_dir / "oita.toml").resolve(), [("outreach", ["advisers.count=7"])])
    path = tmp_path / "same_as_base.toml"
    path.write_text(text, encoding="utf-8")
    line = line_of(text, 'name = "outreach"')
    assert_experiment_refused(run_tsunagi, path, tmp_path, [
        rf"error: \S*same_as_base\.toml:{line}(:\d+)?: variant\[0\]\.name: found \"outreach\" a second time"])


def test_missing_scenario(run_tsunagi, tmp_path):
    text = experiment_text("no_such_scenario.toml", [("more", ["advisers.count=7"])])
    path = tmp_path / "missing.toml"
    path.write_text(text, encoding="utf-8")
    line = line_of(text, "scenario =")
    assert_experiment_refused(run_tsunagi, path, tmp_path, [
        rf"error: \S*missing\.toml:{line}:\d+: experiment\.scenario: found \"no_such_scenario\.toml\", which is not a file"],
        count=1)


def test_variant_changing_the_dates_is_refused(run_tsunagi, scenarios_dir, tmp_path):
    text = experiment_text((scenarios_dir / "oita.toml").resolve(), [("shorter", ["scenario.end=2027-03-31"])])
    path = tmp_path / "dates.toml"
    path.write_text(text, encoding="utf-8")
    line = line_of(text, "[[variant]]")
    assert_experiment_refused(run_tsunagi, path, tmp_path, [
        rf"error: \S*dates\.toml:{line}(:\d+)?: variant\.set: variant \"shorter\" changes the dates"])


def test_existing_output_needs_overwrite(run_tsunagi, exp_file, tmp_path):
    out = tmp_path / "existing.h5"
    precious = b"results someone wants to keep\n"
    out.write_bytes(precious)
    proc = run_tsunagi("experiment", exp_file, "-o", out, "--replicates", 2, "-q")
    assert proc.returncode == 2, proc.stderr
    assert "existing.h5" in proc.stderr and "--overwrite" in proc.stderr
    assert out.read_bytes() == precious
    assert leftovers(tmp_path, out.name) == []

    run_ok(run_tsunagi, "experiment", exp_file, "-o", out, "--replicates", 2, "-q", "--overwrite")
    with h5py.File(out, "r") as f:
        assert f.attrs["file_type"] == "experiment" and f.attrs["replicates"] == 2
    assert leftovers(tmp_path, out.name) == []


# ---------------------------------------------------------------------------------------------
# summarize


def test_summarize_table_shows_every_variant_and_interval(run_tsunagi, exp_t1):
    proc = run_ok(run_tsunagi, "summarize", exp_t1)
    out = proc.stdout
    assert "experiment crn" in out and f"{REPLICATES} replicates" in out
    with h5py.File(exp_t1, "r") as f:
        t = dates_of(f).index(PRECISION_DATE)
        cells = {v: f"{f['differences/kikan_coverage_mean'][v, t]:+.3f} [{f['differences/kikan_coverage_lower'][v, t]:+.3f}, "
                    f"{f['differences/kikan_coverage_upper'][v, t]:+.3f}]" for v in (1, 2)}
        base_mean = f["series/kikan_coverage"][0, :, t].mean()
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("kikan_coverage "))
    header = lines[start + 1]
    assert header.index("outreach") < header.index("same_count") < header.index("on_request"), header
    row = next(line for line in lines[start:] if line.strip().startswith(PRECISION_DATE))
    parts = [p.strip() for p in row.split("|")]
    assert len(parts) == 3, row
    assert parts[0].split()[-1] == f"{base_mean:.3f}", row
    assert parts[1] == cells[1], row
    assert parts[2] == cells[2], row


def test_summarize_csv_matches_the_file(run_tsunagi, exp_t1):
    proc = run_ok(run_tsunagi, "summarize", exp_t1, "--format", "csv")
    table = pd.read_csv(io.StringIO(proc.stdout), dtype={"date": str})
    assert {"metric", "variant", "date", "baseline_mean", "difference_mean", "difference_lower95",
            "difference_upper95"} <= set(table.columns)
    assert set(table["variant"]) == {"same_count", "on_request"}
    with h5py.File(exp_t1, "r") as f:
        t = dates_of(f).index(PRECISION_DATE)
        for v, name in ((1, "same_count"), (2, "on_request")):
            row = table[(table.metric == "kikan_coverage") & (table.variant == name) & (table.date == PRECISION_DATE)]
            assert len(row) == 1
            assert row["baseline_mean"].item() == pytest.approx(f["series/kikan_coverage"][0, :, t].mean(), abs=1e-9)
            for col, ds in (("difference_mean", "_mean"), ("difference_lower95", "_lower"), ("difference_upper95", "_upper")):
                assert row[col].item() == pytest.approx(f[f"differences/kikan_coverage{ds}"][v, t], abs=1e-9), (name, col)
