"""`tsunagi sweep`, run as a subprocess: the four designs (grid, Latin hypercube, Sobol
against SciPy, Morris), outputs against plain `tsunagi run`s of the same points, resuming
from the journal after SIGKILL, refusing another sweep's journal, failed points, threads and
MPI ranks, located input errors (exit 2, nothing written) and `summarize`."""

import io
import itertools
import json
import math
import re
import shutil
import signal
import subprocess
import time
import warnings

import h5py
import numpy as np
import pandas as pd
import pytest
from scipy.stats import qmc
from support import assert_refused, assert_same_files, attr_value, dataset_value, leftovers, line_of, mpi_env, run_ok

SEED = 7

# Parameters of scenarios/oita.toml used below (docs/scenarios.md, docs/calibration.md).
COUNT = {"key": "advisers.count", "min": 2, "max": 8, "integer": True}
WORK_RATE = {"key": "development.kikan.work_rate", "min": 0.000308, "max": 0.001232, "scale": "log"}
SIGMA = {"key": "development.motivation_sigma", "min": 1.0, "max": 3.0}
HOUR_VALUE = {"key": "development.adviser_hour_value", "min": 1.5, "max": 6.0}
COVERAGE_2027 = {"name": "coverage_2027", "series": "kikan_coverage", "date": "2027-04-01"}

# ---------------------------------------------------------------------------------------------
# helpers


def toml_value(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
            return v  # a TOML date
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    raise TypeError(v)


def sweep_text(scenario, design, parameters, outputs=(COVERAGE_2027,), samples=None, replicates=2, seed=SEED,
               name="t", **more):
    """A sweep file; parameters and outputs are lists of dicts of their keys."""
    head = {"name": name, "scenario": str(scenario), "design": design}
    if samples is not None:
        head["samples"] = samples
    if replicates is not None:
        head["replicates"] = replicates
    if seed is not None:
        head["seed"] = seed
    head.update(more)
    text = "[sweep]\n" + "".join(f"{k} = {toml_value(v)}\n" for k, v in head.items())
    for p in parameters:
        text += "\n[[parameter]]\n" + "".join(f"{k} = {toml_value(v)}\n" for k, v in p.items())
    for o in outputs:
        text += "\n[[output]]\n" + "".join(f"{k} = {toml_value(v)}\n" for k, v in o.items())
    return text


def write_sweep(directory, filename, *args, **kwargs):
    path = directory / filename
    path.write_text(sweep_text(*args, **kwargs), encoding="utf-8")
    return path


def run_sweep(run_tsunagi, sweep, out, *extra):
    run_ok(run_tsunagi, "sweep", sweep, "-o", out, "-q", *extra)
    assert not journal_of(out).exists(), "the journal was left after a complete sweep"
    return out


def journal_of(out):
    return out.parent / (out.name + ".journal")


def unit_of(p, values):
    """Parameter values mapped back to [0, 1] (log scale in log space)."""
    values = np.asarray(values, dtype=float)
    if p.get("scale") == "log":
        return np.log(values / p["min"]) / math.log(p["max"] / p["min"])
    return (values - p["min"]) / (p["max"] - p["min"])


def value_of(p, u):
    """The binary's mapping of u in [0, 1] to a parameter value: linear or log, then rounded
    half away from zero when integer."""
    if p.get("scale") == "log":
        v = math.exp(math.log(p["min"]) + u * (math.log(p["max"]) - math.log(p["min"])))
    else:
        v = p["min"] + u * (p["max"] - p["min"])
    return float(math.floor(v + 0.5)) if p.get("integer") else v


def fnv1a64(text):
    h = 14695981039346656037  # FNV-1a 64-bit offset basis (Fowler, Noll, Vo)
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 1099511628211) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


def design(path):
    with h5py.File(path, "r") as f:
        d = {name: dataset_value(ds) for name, ds in f["design"].items()}
        d["attrs"] = {k: attr_value(v) for k, v in f["design"].attrs.items()}
        d["root"] = {k: attr_value(v) for k, v in f.attrs.items()}
    return d


def assert_all_done(d, points):
    assert d["values"].shape[0] == points
    assert list(d["status"]) == [0] * points, [e for e in d["error"] if e]
    assert d["root"]["points"] == points and d["root"]["failed_points"] == 0


@pytest.fixture(scope="module")
def oita(scenarios_dir):
    return (scenarios_dir / "oita.toml").resolve()


# ---------------------------------------------------------------------------------------------
# designs


def test_sobol_design_matches_scipy(run_tsunagi, oita, tmp_path):
    params = [COUNT, WORK_RATE, SIGMA]
    P, N = len(params), 6
    sweep = write_sweep(tmp_path, "sobol.toml", oita, "sobol", params, samples=N, replicates=1)
    out = run_sweep(run_tsunagi, sweep, tmp_path / "sobol.h5", "--threads", "2")
    d = design(out)
    assert_all_done(d, N * (P + 2))
    assert d["root"]["design"] == "sobol" and d["attrs"]["base_samples"] == N
    assert list(d["parameter"]) == [p["key"] for p in params]
    assert list(d["lower"]) == [p["min"] for p in params] and list(d["upper"]) == [p["max"] for p in params]
    assert list(d["log_scale"]) == [0, 1, 0] and list(d["integer"]) == [1, 0, 0]
    assert np.all(d["seed"] == SEED)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # N + 1 is not a power of 2
        u = qmc.Sobol(2 * P, scramble=False).random(N + 1)[1:]
    expected, block, base_row = [], [], []
    for j in range(N):
        a, b = u[j, :P], u[j, P:]
        rows = [(0, a), (1, b)] + [(2 + i, np.where(np.arange(P) == i, b, a)) for i in range(P)]
        for blk, unit in rows:
            expected.append([value_of(p, x) for p, x in zip(params, unit)])
            block.append(blk)
            base_row.append(j)
    expected = np.array(expected)
    assert list(d["block"]) == block
    assert list(d["base_row"]) == base_row
    values = d["values"]
    # linear and rounded parameters exactly, the log-scale one to the last bits of exp/log
    np.testing.assert_array_equal(values[:, 0], expected[:, 0])
    np.testing.assert_array_equal(values[:, 2], expected[:, 2])
    np.testing.assert_allclose(values[:, 1], expected[:, 1], rtol=1e-14, atol=0)
    # a half-way rounding case is in the design (u = 0.75 -> 6.5 -> 7, not the even 6)
    assert 7.0 in expected[:, 0]


def test_grid_has_every_combination_last_fastest(run_tsunagi, oita, tmp_path):
    params = [{"key": "advisers.count", "values": [3, 6], "integer": True},
              {"key": "development.motivation_sigma", "min": 1.0, "max": 3.0, "steps": 3},
              {"key": "development.kikan.work_rate", "min": 0.0003, "max": 0.0012, "steps": 3, "scale": "log"}]
    sweep = write_sweep(tmp_path, "grid.toml", oita, "grid", params, replicates=1)
    out = run_sweep(run_tsunagi, sweep, tmp_path / "grid.h5", "--threads", "2")
    d = design(out)
    assert_all_done(d, 18)
    assert "block" not in d and "trajectory" not in d
    levels = [[3.0, 6.0], [1.0, 2.0, 3.0], [0.0003, math.sqrt(0.0003 * 0.0012), 0.0012]]
    expected = np.array(list(itertools.product(*levels)))
    values = d["values"]
    np.testing.assert_array_equal(values[:, :2], expected[:, :2])
    np.testing.assert_allclose(values[:, 2], expected[:, 2], rtol=1e-14)
    assert len({tuple(row) for row in values}) == 18


def test_latin_hypercube_one_point_per_stratum(run_tsunagi, oita, tmp_path):
    params = [SIGMA, WORK_RATE, HOUR_VALUE]
    n = 10
    sweep = write_sweep(tmp_path, "lhs.toml", oita, "latin_hypercube", params, samples=n, replicates=1)
    out = run_sweep(run_tsunagi, sweep, tmp_path / "lhs.h5", "--threads", "2")
    d = design(out)
    assert_all_done(d, n)
    strata = []
    for j, p in enumerate(params):
        u = unit_of(p, d["values"][:, j])
        assert np.all((u >= 0) & (u <= 1)), p["key"]
        s = np.floor(u * n).astype(int)
        assert sorted(s) == list(range(n)), f"{p['key']}: strata {sorted(s)}"
        strata.append(list(s))
    assert strata[0] != strata[1] or strata[1] != strata[2], "every parameter in the same stratum order"


@pytest.mark.parametrize("levels", [4, 6])
def test_morris_steps_change_one_parameter_by_delta(run_tsunagi, oita, tmp_path, levels):
    params = [SIGMA, WORK_RATE, HOUR_VALUE]
    P, r = len(params), 4
    sweep = write_sweep(tmp_path, "morris.toml", oita, "morris", params, samples=r, replicates=1, levels=levels)
    out = run_sweep(run_tsunagi, sweep, tmp_path / "morris.h5", "--threads", "2")
    d = design(out)
    assert_all_done(d, r * (P + 1))
    assert d["attrs"]["levels"] == levels and d["attrs"]["trajectories"] == r
    assert list(d["trajectory"]) == [t for t in range(r) for _ in range(P + 1)]
    delta = levels / (2 * (levels - 1))
    units = np.column_stack([unit_of(p, d["values"][:, j]) for j, p in enumerate(params)])
    grid = units * (levels - 1)
    np.testing.assert_allclose(grid, np.round(grid), atol=1e-9, err_msg="a value off the grid of levels")
    assert np.all((units > -1e-12) & (units < 1 + 1e-12))
    changed = d["changed"]
    for t in range(r):
        rows = range(t * (P + 1), (t + 1) * (P + 1))
        assert changed[rows[0]] == -1
        assert sorted(changed[k] for k in rows[1:]) == list(range(P)), f"trajectory {t}: {list(changed[rows[0]:rows[-1] + 1])}"
        for k in rows[1:]:
            i = changed[k]
            step = units[k] - units[k - 1]
            others = [j for j in range(P) if j != i]
            assert np.all(d["values"][k, others] == d["values"][k - 1, others]), f"point {k} changes more than {i}"
            assert abs(step[i]) == pytest.approx(delta, abs=1e-9), f"point {k}: step {step[i]} in parameter {i}"


# ---------------------------------------------------------------------------------------------
# outputs


@pytest.fixture(scope="module")
def outputs_sweep(run_tsunagi, oita, tmp_path_factory):
    d = tmp_path_factory.mktemp("outputs")
    params = [COUNT, SIGMA]
    outputs = [COVERAGE_2027, {"name": "visits_last", "series": "adviser_visits"}]
    sweep = write_sweep(d, "outputs.toml", oita, "latin_hypercube", params, outputs=outputs, samples=3, replicates=5,
                        keep_series=True)
    return run_sweep(run_tsunagi, sweep, d / "outputs.h5", "--threads", "2"), params


def test_outputs_equal_plain_runs_of_the_points(run_tsunagi, scenarios_dir, outputs_sweep, tmp_path):
    out, params = outputs_sweep
    with h5py.File(out, "r") as f:
        values = f["design/values"][()]
        assert list(f["design/status"][()]) == [0, 0, 0]
        dates = list(f["time/date"].asstr()[()])
        assert f["outputs/coverage_2027"].attrs["date"] == "2027-04-01"
        assert f["outputs/visits_last"].attrs["date"] == dates[-1]  # no date: the last record
        assert f["outputs/visits_last"].attrs["series"] == "adviser_visits"
        for i in range(len(values)):
            sets = []
            for j, p in enumerate(params):
                v = values[i, j]
                sets += ["--set", f"{p['key']}={int(v) if p.get('integer') else repr(float(v))}"]
            run = tmp_path / f"point{i}.h5"
            run_ok(run_tsunagi, "run", scenarios_dir / "oita.toml", "-o", run, "--replicates", 5, "--seed", SEED,
                   "--threads", "1", "-q", *sets)
            with h5py.File(run, "r") as r:
                assert list(r["time/date"].asstr()[()]) == dates
                t = dates.index("2027-04-01")
                np.testing.assert_array_equal(f["outputs/coverage_2027/values"][i], r["series/kikan_coverage"][:, t],
                                              err_msg=f"point {i}")
                np.testing.assert_array_equal(f["outputs/visits_last/values"][i], r["series/adviser_visits"][:, -1],
                                              err_msg=f"point {i}")
                kept = [name for name in f["series"]]
                assert "kikan_coverage" in kept and len(kept) >= 10
                for name in kept:
                    assert f["series"][name].shape == (3, 5, len(dates))
                    np.testing.assert_array_equal(f["series"][name][i], r["series"][name][()].astype(np.float64),
                                                  err_msg=f"point {i}, kept series {name}")
                assert f["design/config_hash"].asstr()[i] == fnv1a64(r.attrs["scenario_toml"]), \
                    "config_hash is not the hash of the point's resolved scenario"


def test_output_statistics(outputs_sweep):
    out, _ = outputs_sweep
    with h5py.File(out, "r") as f:
        spread = False
        for name in ("coverage_2027", "visits_last"):
            g = f["outputs"][name]
            v = g["values"][()]
            assert v.shape == (3, 5)
            np.testing.assert_allclose(g["mean"][()], v.mean(axis=1), rtol=1e-12, atol=1e-12, err_msg=name)
            np.testing.assert_allclose(g["var"][()], v.var(axis=1, ddof=1), rtol=1e-10, atol=1e-12, err_msg=name)
            for ds, q in (("p05", 0.05), ("p50", 0.5), ("p95", 0.95)):
                np.testing.assert_allclose(g[ds][()], np.quantile(v, q, axis=1), rtol=1e-12, atol=1e-12,
                                           err_msg=f"{name}/{ds}")
            spread = spread or bool(np.any(v.std(axis=1) > 0))
        assert spread, "no spread over replicates: the statistics checks would pass trivially"


def test_summarize_sweep(run_tsunagi, outputs_sweep):
    out, params = outputs_sweep
    table = run_ok(run_tsunagi, "summarize", out).stdout
    assert "sweep t" in table and "3 points" in table
    for p in params:
        assert p["key"] in table
    proc = run_ok(run_tsunagi, "summarize", out, "--format", "csv")
    csv = pd.read_csv(io.StringIO(proc.stdout))
    assert list(csv["point"]) == [0, 1, 2]
    with h5py.File(out, "r") as f:
        np.testing.assert_allclose(csv["coverage_2027_mean"], f["outputs/coverage_2027/mean"][()], rtol=1e-9)
        np.testing.assert_allclose(csv["coverage_2027_p05"], f["outputs/coverage_2027/p05"][()], rtol=1e-9)
        np.testing.assert_allclose(csv["coverage_2027_p95"], f["outputs/coverage_2027/p95"][()], rtol=1e-9)
        np.testing.assert_allclose(csv[COUNT["key"]], f["design/values"][:, 0], rtol=1e-9)


# ---------------------------------------------------------------------------------------------
# resuming after a kill


def journal_records(journal):
    """Points in complete, well-formed `ok` lines of a journal."""
    data = journal.read_bytes()
    lines = data.split(b"\n")[1:-1]  # after the header; the last piece has no newline
    return {int(line.split()[1]) for line in lines if line.startswith(b"point ") and line.endswith(b" end")
            and b" ok " in line}


def start_and_kill(tsunagi_bin, args, journal, at_least):
    """Starts `tsunagi sweep ARGS`, SIGKILLs it once the journal holds `at_least` points;
    returns the points journaled."""
    proc = subprocess.Popen([str(tsunagi_bin), "sweep", *map(str, args)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if journal.exists() and journal.read_bytes().count(b"\n") - 1 >= at_least:
                break
            assert proc.poll() is None, "the sweep finished before it could be killed; give it more points"
            time.sleep(0.002)
        else:
            pytest.fail("the journal did not grow")
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    return journal_records(journal)


RESUME_POINTS = 300


@pytest.fixture(scope="module")
def resume_case(run_tsunagi, oita, tmp_path_factory):
    d = tmp_path_factory.mktemp("resume")
    sweep = write_sweep(d, "resume.toml", oita, "latin_hypercube", [SIGMA, HOUR_VALUE], samples=RESUME_POINTS,
                        replicates=2)
    reference = run_sweep(run_tsunagi, sweep, d / "reference.h5", "--threads", "1")
    return sweep, reference


@pytest.mark.parametrize("threads, kill_at, cut_line", [(1, 25, False), (2, 200, True)],
                         ids=["early-1-thread", "late-2-threads-cut-line"])
def test_resume_after_kill(run_tsunagi, tsunagi_bin, resume_case, tmp_path, threads, kill_at, cut_line):
    sweep, reference = resume_case
    out = tmp_path / "resumed.h5"
    journal = journal_of(out)
    args = [sweep, "-o", out, "--threads", threads]
    done = start_and_kill(tsunagi_bin, [*args, "-q"], journal, kill_at)
    assert len(done) >= kill_at and len(done) < RESUME_POINTS
    assert not out.exists()
    if cut_line:  # a line cut short by the kill is ignored
        with open(journal, "ab") as f:
            f.write(b"point 299 0123456789abcdef ok 2 0x1p-1")
    proc = run_ok(run_tsunagi, "sweep", *args)
    assert f"resuming: {len(done)} points in {journal}" in proc.stderr, proc.stderr
    assert f"of {RESUME_POINTS - len(done)} points run" in proc.stderr, "the resumed run did not skip the journaled points"
    assert not journal.exists(), "the journal was left after the resumed sweep"
    assert leftovers(tmp_path, out.name) == []
    assert_same_files(reference, out)


def test_journal_of_another_sweep_is_refused(run_tsunagi, tsunagi_bin, oita, tmp_path):
    first = write_sweep(tmp_path, "first.toml", oita, "latin_hypercube", [SIGMA], samples=120, replicates=2)
    other = write_sweep(tmp_path, "other.toml", oita, "latin_hypercube", [SIGMA], samples=120, replicates=2,
                        seed=SEED + 1)
    out = tmp_path / "shared.h5"
    journal = journal_of(out)
    start_and_kill(tsunagi_bin, [first, "-o", out, "--threads", 1, "-q"], journal, 5)
    before = journal.read_bytes()
    for sweep, extra in ((other, []), (first, ["--set", "advisers.count=6"])):
        proc = run_tsunagi("sweep", sweep, "-o", out, "-q", *extra)
        assert proc.returncode == 2, f"exit {proc.returncode}:\n{proc.stderr}"
        assert re.search(rf"error: {re.escape(str(journal))}(:\d+)*: .*different sweep", proc.stderr), proc.stderr
        assert journal.read_bytes() == before, "the other sweep's journal was changed"
        assert not out.exists()
    # the sweep that left it still resumes from it
    proc = run_ok(run_tsunagi, "sweep", first, "-o", out, "--threads", 2)
    assert "resuming:" in proc.stderr
    assert not journal.exists()


@pytest.fixture(scope="module")
def resumed_with_failures(run_tsunagi, tsunagi_bin, oita, tmp_path_factory):
    """A sweep in which about half the points are refused (approval_probability above 1):
    run uninterrupted, and killed after 60 journaled points then resumed. Returns
    (reference, resumed, the journal's ok points and all its points at the kill, the
    resumed run's stderr)."""
    d = tmp_path_factory.mktemp("resume_failures")
    params = [{"key": "development.kikan.approval_probability", "min": 0.5, "max": 1.5}]
    sweep = write_sweep(d, "failures.toml", oita, "latin_hypercube", params, samples=RESUME_POINTS, replicates=2)
    reference = run_sweep(run_tsunagi, sweep, d / "reference.h5", "--threads", "2")
    out = d / "resumed.h5"
    ok = start_and_kill(tsunagi_bin, [sweep, "-o", out, "--threads", 1, "-q"], journal_of(out), 60)
    lines = journal_of(out).read_bytes().split(b"\n")[1:-1]
    journaled = {int(line.split()[1]) for line in lines if line.startswith(b"point ") and line.endswith(b" end")}
    assert len(journaled) > len(ok) > 0, "expected failed points among the journaled ones"
    proc = run_ok(run_tsunagi, "sweep", sweep, "-o", out, "--threads", 1)
    assert not journal_of(out).exists()
    return reference, out, ok, journaled, proc.stderr


def test_resume_with_failed_points_matches_uninterrupted(resumed_with_failures):
    reference, out, _, _, _ = resumed_with_failures
    assert 0 < design(reference)["status"].sum() < RESUME_POINTS
    assert_same_files(reference, out)


def test_resume_with_failed_points_reports_progress_consistently(resumed_with_failures):
    _, _, ok, journaled, stderr = resumed_with_failures
    m = re.search(r"resuming: (\d+) points", stderr)
    assert m, stderr
    progress = [(int(a), int(b)) for a, b in re.findall(r"^  (\d+) of (\d+) points run$", stderr, re.M)]
    assert progress, stderr
    assert all(done <= total for done, total in progress), f"progress beyond its total: {progress[-3:]}"
    assert int(m.group(1)) == len(ok), f"said resuming {m.group(1)} points; {len(ok)} were done ({len(journaled)} journaled)"


# ---------------------------------------------------------------------------------------------
# failed points


def test_refused_point_is_recorded_and_the_others_complete(run_tsunagi, oita, tmp_path):
    params = [{"key": "development.kikan.approval_probability", "values": [0.5, 1.5, 0.9]},
              {"key": "advisers.count", "values": [4, 6], "integer": True}]
    sweep = write_sweep(tmp_path, "failing.toml", oita, "grid", params, replicates=3)
    out = tmp_path / "failing.h5"
    proc = run_tsunagi("sweep", sweep, "-o", out, "--threads", 2)
    assert proc.returncode == 0, proc.stderr
    assert "6 points, 2 failed" in proc.stdout
    assert re.search(r"point 2 failed: .*approval_probability", proc.stderr), proc.stderr
    assert not journal_of(out).exists()
    d = design(out)
    failed = [2, 3]  # approval_probability 1.5, last parameter fastest
    assert list(d["status"]) == [1 if i in failed else 0 for i in range(6)]
    assert d["root"]["failed_points"] == 2 and d["root"]["points"] == 6
    for i in range(6):
        if i in failed:
            assert "approval_probability" in d["error"][i] and "1.5" in d["error"][i], d["error"][i]
            assert "0 to 1" in d["error"][i], d["error"][i]
        else:
            assert d["error"][i] == ""
            assert re.fullmatch(r"[0-9a-f]{16}", d["config_hash"][i])
    with h5py.File(out, "r") as f:
        g = f["outputs/coverage_2027"]
        for i in range(6):
            if i in failed:
                assert np.all(np.isnan(g["values"][i])) and np.isnan(g["mean"][i]) and np.isnan(g["p50"][i])
            else:
                assert np.all(np.isfinite(g["values"][i])) and np.isfinite(g["mean"][i])


def test_every_point_failing_is_a_run_failure(run_tsunagi, oita, tmp_path):
    params = [{"key": "development.kikan.approval_probability", "values": [1.5, 2.0]}]
    sweep = write_sweep(tmp_path, "all_fail.toml", oita, "grid", params, replicates=1)
    out = tmp_path / "all_fail.h5"
    proc = run_tsunagi("sweep", sweep, "-o", out, "-q")
    assert proc.returncode == 1, f"exit {proc.returncode}:\n{proc.stderr}"
    assert "2 points, 2 failed" in proc.stdout


# ---------------------------------------------------------------------------------------------
# threads and MPI ranks


@pytest.fixture(scope="module")
def ranks_case(run_tsunagi, oita, tmp_path_factory):
    """A Latin hypercube in which about half the points are refused (approval_probability
    above 1), with every series kept, run on one thread."""
    d = tmp_path_factory.mktemp("ranks")
    params = [{"key": "development.kikan.approval_probability", "min": 0.5, "max": 1.5}, SIGMA]
    sweep = write_sweep(d, "ranks.toml", oita, "latin_hypercube", params, samples=13, replicates=3, keep_series=True)
    one = run_sweep(run_tsunagi, sweep, d / "one.h5", "--threads", "1")
    status = design(one)["status"]
    assert 0 < status.sum() < len(status), "expected some failed and some done points"
    return d, sweep, one


def test_threads_do_not_change_the_file(run_tsunagi, ranks_case):
    d, sweep, one = ranks_case
    two = run_sweep(run_tsunagi, sweep, d / "two.h5", "--threads", "2")
    with h5py.File(two, "r") as f:
        assert f.attrs["threads"] == 2
    assert_same_files(one, two)


def test_mpi_two_ranks_match_one_process(tsunagi_bin, ranks_case):
    d, sweep, one = ranks_case
    exe = shutil.which("mpirun")
    if exe is None:
        pytest.skip("mpirun is not on PATH (install openmpi-bin to test runs over MPI ranks)")
    out = d / "mpi.h5"
    proc = subprocess.run([exe, "--oversubscribe", "-np", "2", str(tsunagi_bin), "sweep", str(sweep), "-o", str(out),
                           "--threads", "1", "-q"], capture_output=True, text=True, timeout=300, env=mpi_env())
    assert proc.returncode == 0, f"mpirun exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
    with h5py.File(out, "r") as f:
        assert f.attrs["ranks"] == 2, "the binary did not run as 2 MPI ranks (built without MPI?)"
    assert not journal_of(out).exists()
    assert_same_files(one, out, ignored_root_attrs=("created", "threads", "ranks"))


# ---------------------------------------------------------------------------------------------
# bad sweep files: exit 2, located messages, nothing written


def assert_sweep_refused(run_tsunagi, path, patterns):
    out = path.parent / "out.h5"
    proc = assert_refused(run_tsunagi, "sweep", path, out, patterns)
    assert "nothing was written" in proc.stderr
    assert proc.stdout == ""
    assert not out.exists() and not journal_of(out).exists() and leftovers(path.parent, out.name) == []
    return proc.stderr


def test_unknown_design(run_tsunagi, oita, tmp_path):
    path = write_sweep(tmp_path, "design.toml", oita, "sobel", [SIGMA], samples=4)
    line = line_of(path.read_text(), "design =")
    assert_sweep_refused(run_tsunagi, path, [rf"error: \S*design\.toml:{line}:\d+: sweep\.design: found \S* ?\"sobel\"",
                                             re.escape("did you mean 'sobol'")])


def test_unknown_design_reports_only_the_design(run_tsunagi, oita, tmp_path):
    path = write_sweep(tmp_path, "design.toml", oita, "sobel", [SIGMA], samples=4)
    stderr = assert_sweep_refused(run_tsunagi, path, [r"sweep\.design: "])
    assert "samples: unknown key" not in stderr, stderr
    assert stderr.count("error:") == 1, stderr


def test_sobol_with_too_many_parameters(run_tsunagi, oita, tmp_path):
    params = [dict(SIGMA, key=f"development.kikan.p{i}") for i in range(21)]
    path = write_sweep(tmp_path, "wide.toml", oita, "sobol", params, samples=4)
    assert_sweep_refused(run_tsunagi, path, [r"error: \S*wide\.toml:\d+(:\d+)?: parameter: found 21 parameters; "
                                             r"a sobol design takes at most 20"])


def test_output_series_that_does_not_exist(run_tsunagi, oita, tmp_path):
    path = write_sweep(tmp_path, "series.toml", oita, "latin_hypercube", [SIGMA], samples=4,
                       outputs=[{"name": "c", "series": "kikan_coverag", "date": "2027-04-01"}])
    text = path.read_text()
    header, line = line_of(text, "[[output]]"), line_of(text, "series =")
    assert_sweep_refused(run_tsunagi, path, [
        rf"error: \S*series\.toml:({header}|{line})(:\d+)?: output\.series: found \"kikan_coverag\", "
        r"which is not a \(replicate, time\) series",
        re.escape("did you mean 'kikan_coverage'")])


def test_output_date_outside_the_run(run_tsunagi, oita, tmp_path):
    """Any day of the run is read as its last record on or before it (test_planner_cli.py);
    only a day outside the run is refused."""
    path = write_sweep(tmp_path, "date.toml", oita, "latin_hypercube", [SIGMA], samples=4,
                       outputs=[{"name": "c", "series": "kikan_coverage", "date": "2035-04-15"}])
    text = path.read_text()
    header, line = line_of(text, "[[output]]"), line_of(text, "date =", 1)
    assert_sweep_refused(run_tsunagi, path, [
        rf"error: \S*date\.toml:({header}|{line})(:\d+)?: output\.date: found 2035-04-15, which is outside the run"])


def test_parameter_value_its_key_cannot_take(run_tsunagi, oita, tmp_path):
    """A value no point could run with (a fraction for an integer key) is refused when the
    sweep is planned, before any run; whole values suit an integer key without integer = true."""
    params = [{"key": "advisers.count", "values": [3, 4.5]}, {"key": "development.motivation_sigma", "values": [1, 2]}]
    path = write_sweep(tmp_path, "fraction.toml", oita, "grid", params)
    text = path.read_text()
    header, line = line_of(text, "[[parameter]]"), line_of(text, 'key = "advisers.count"')
    assert_sweep_refused(run_tsunagi, path, [
        rf"error: \S*fraction\.toml:({header}|{line})(:\d+)?: parameter\.key: point 2 sets advisers\.count to a "
        r"value it does not take: .*4\.5.*integer = true",
        r"1 problem found"])


def test_parameter_range_problems_all_reported(run_tsunagi, oita, tmp_path):
    params = [dict(SIGMA, min=3.0, max=1.0), dict(WORK_RATE, min=0.0)]
    path = write_sweep(tmp_path, "ranges.toml", oita, "latin_hypercube", params, samples=4)
    text = path.read_text()
    assert_sweep_refused(run_tsunagi, path, [
        rf"error: \S*ranges\.toml:{line_of(text, 'max = 1.0')}:\d+: parameter\[0\]\.max: expected max > min",
        rf"error: \S*ranges\.toml:{line_of(text, 'min = 0.0')}:\d+: parameter\[1\]\.min: expected min > 0",
        r"2 problems found"])
