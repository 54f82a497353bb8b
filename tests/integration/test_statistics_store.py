"""Statistics instead of replicates (docs/output.md): with `output.store = "statistics"`
(`--store statistics`) `tsunagi run` keeps the per-municipality and per-category series as
statistics over replicates, accumulated as the replicates complete; the (replicate, time)
totals stay per replicate. Checked against the exact statistics of the same run stored per
replicate; the same file for 1 and 2 threads and for 1 and 2 MPI ranks; the size estimate;
the readers; the commands that do not write statistics refuse the key."""

import re

import h5py
import numpy as np
import pytest

import analysis
from support import assert_same_files, leftovers, mpirun, run_ok

CASES = ['cases.rate_changes=[{start=2024-04-01, end=2025-03-31, need="hardship", factor=3.3}]',
         "scenario.end=2026-03-31"]
STATISTICS = ("count", "mean", "sd", "min", "p05", "p50", "p95", "max")


def sets(overrides):
    return [a for o in overrides for a in ("--set", o)]


@pytest.fixture(scope="module")
def pair(run_tsunagi, scenarios_dir, tmp_path_factory):
    """The same 40 replicates stored per replicate and as statistics."""
    d = tmp_path_factory.mktemp("statistics")
    oita = scenarios_dir / "oita.toml"
    common = ["--replicates", "40", "--threads", "2", *sets(CASES)]
    run_ok(run_tsunagi, "run", oita, "-o", d / "replicates.h5", "-q", *common)
    proc = run_ok(run_tsunagi, "run", oita, "-o", d / "statistics.h5", "--store", "statistics", *common)
    return d / "replicates.h5", d / "statistics.h5", proc


@pytest.mark.filterwarnings("ignore:Degrees of freedom")
def test_statistics_are_those_of_the_replicates(pair):
    full_path, stat_path, _ = pair
    exact_share = []
    with h5py.File(full_path) as full, h5py.File(stat_path) as f:
        assert f.attrs["store"] == "statistics"
        summarized = sorted(n for n in full["series"] if full["series"][n].ndim >= 3)
        assert sorted(f["statistics"]) == summarized
        assert sorted(f["series"].attrs["as_statistics"]) == summarized
        # the totals stay per replicate, with the same values
        assert sorted(f["series"]) == sorted(n for n in full["series"] if full["series"][n].ndim == 2)
        for n in f["series"]:
            np.testing.assert_array_equal(f["series"][n][()], full["series"][n][()], err_msg=n)
        for n in summarized:
            x = full["series"][n][()].astype(np.float64)  # (R, T, M[, C])
            g = f["statistics"][n]
            assert g.attrs["units"] == full["series"][n].attrs["units"]
            got = {s: g[s][()] for s in STATISTICS}
            valid = ~np.isnan(x)
            np.testing.assert_array_equal(got["count"], valid.sum(axis=0), err_msg=n)
            some = got["count"] > 0
            xs = x[:, some]
            np.testing.assert_allclose(got["mean"][some], np.nanmean(xs, axis=0), rtol=1e-10, atol=1e-9, err_msg=n)
            np.testing.assert_allclose(got["sd"][some], np.nanstd(xs, axis=0, ddof=1), rtol=1e-7, atol=1e-7,
                                       err_msg=n)
            np.testing.assert_array_equal(got["min"][some], np.nanmin(xs, axis=0), err_msg=n)
            np.testing.assert_array_equal(got["max"][some], np.nanmax(xs, axis=0), err_msg=n)
            assert np.isnan(got["mean"][~some]).all() and np.isnan(got["p50"][~some]).all()
            # percentiles: exact where a cell took at most nine distinct values, else P²
            # estimates between the minimum and the maximum
            distinct = np.array([len(np.unique(c[~np.isnan(c)])) for c in xs.T])
            few = distinct <= 9
            for q, s in ((0.05, "p05"), (0.5, "p50"), (0.95, "p95")):
                exact = np.nanquantile(xs, q, axis=0)
                est = got[s][some]
                np.testing.assert_allclose(est[few], exact[few], rtol=1e-12, atol=1e-12, err_msg=f"{n} {s}")
                assert (got["min"][some][~few] <= est[~few]).all() and (est[~few] <= got["max"][some][~few]).all()
            exact_share.append(few.mean())
    assert 0 < np.mean(exact_share) < 1  # both paths ran


def test_the_band_of_a_many_valued_cell_is_near_the_exact_one(pair):
    # Across the continuous cells (more than nine distinct values among 40 replicates) the
    # P² percentiles are, in the median, within a tenth of the cell's exact 5-95% spread.
    full_path, stat_path, _ = pair
    errors = []
    with h5py.File(full_path) as full, h5py.File(stat_path) as f:
        for n in f["statistics"]:
            x = full["series"][n][()].astype(np.float64)
            flat = x.reshape(x.shape[0], -1)
            distinct = np.array([len(np.unique(c[~np.isnan(c)])) for c in flat.T])
            many = distinct > 9
            if not many.any():
                continue
            spread = np.nanquantile(flat[:, many], 0.95, axis=0) - np.nanquantile(flat[:, many], 0.05, axis=0)
            for q, s in ((0.05, "p05"), (0.5, "p50"), (0.95, "p95")):
                exact = np.nanquantile(flat[:, many], q, axis=0)
                est = f["statistics"][n][s][()].reshape(-1)[many]
                errors.extend(np.abs(est - exact) / np.where(spread > 0, spread, 1))
    assert len(errors) > 100
    assert np.median(errors) < 0.1, np.median(errors)


def test_the_size_estimate_and_the_memory_line(pair):
    _, stat_path, proc = pair
    m = re.search(r"estimated from the first replicate: file ([0-9.]+) MB", proc.stderr)
    assert m, proc.stderr
    written = stat_path.stat().st_size / 1e6
    assert abs(float(m.group(1)) - written) <= 0.2 * written, (m.group(1), written)
    m = re.search(r"statistics over replicates: (\d+) series, (\d+) cells", proc.stderr)
    assert m, proc.stderr
    with h5py.File(stat_path) as f:
        assert int(m.group(1)) == len(f["statistics"])
        assert int(m.group(2)) == sum(f["statistics"][n]["count"].size for n in f["statistics"])


def test_one_and_two_threads_and_two_mpi_ranks_write_the_same_file(run_tsunagi, tsunagi_bin, scenarios_dir,
                                                                   tmp_path):
    # 11 replicates: past the nine values the estimates start from, so their order matters.
    oita = scenarios_dir / "oita.toml"
    common = ["--replicates", "11", "--store", "statistics", *sets(CASES)]
    for threads in (1, 2):
        run_ok(run_tsunagi, "run", oita, "-o", tmp_path / f"t{threads}.h5", "-q", "--threads", str(threads), *common)
    assert_same_files(tmp_path / "t1.h5", tmp_path / "t2.h5")
    proc = mpirun(tsunagi_bin, "run", oita, "-o", tmp_path / "ranks.h5", "--threads", "1", *common)
    assert proc.returncode == 0, f"mpirun exited {proc.returncode}:\n{proc.stderr}"
    assert "held at a time on each rank" in proc.stderr, "the binary did not run as 2 MPI ranks"
    assert_same_files(tmp_path / "t1.h5", tmp_path / "ranks.h5")


def test_precision_writes_the_same_statistics(run_tsunagi, scenarios_dir, tmp_path):
    # --precision spills its batches and copies them into the file in replicate order: the
    # statistics are those of the fixed-count run (a half width any run meets stops at 10).
    oita = scenarios_dir / "oita.toml"
    common = ["--replicates", "10", "-q", "--threads", "2", "--store", "statistics", *sets(CASES)]
    run_ok(run_tsunagi, "run", oita, "-o", tmp_path / "fixed.h5", *common)
    run_ok(run_tsunagi, "run", oita, "-o", tmp_path / "precision.h5", "--precision", "kikan_municipalities:1000",
           *common)
    assert_same_files(tmp_path / "fixed.h5", tmp_path / "precision.h5",
                      ignored_root_attrs=("created", "threads", "ranks", "replicates_decided_by"))


def test_readers_name_what_a_statistics_file_holds(run_tsunagi, pair, tmp_path):
    _, stat_path, _ = pair
    with analysis.open_run(stat_path) as run:
        assert run.store == "statistics"
        assert "case_waiting" in run.statistics_names()
        table = run.statistics("case_waiting")
        assert list(table.columns) == ["date", "municipality", "agency", *STATISTICS]
        assert len(table) == len(run.dates) * len(run.municipalities) * len(run.axes["agency"])
        assert run.units("case_waiting") == "cases"
        stages = run.statistics("kikan_stage")
        assert list(stages.columns) == ["date", "municipality", *STATISTICS]
        assert (stages["count"] == 40).all()
        with pytest.raises(KeyError, match=r"stored as statistics over replicates.*RunFile.statistics"):
            run.array("case_waiting")
        with pytest.raises(KeyError, match="stored per replicate"):
            run.statistics("kikan_coverage")
        assert len(run.band("kikan_coverage")) == len(run.dates)  # totals: exact bands
    summary = run_ok(run_tsunagi, "summarize", stat_path)
    assert "growing queues not checked: case_waiting is stored as statistics" in summary.stdout
    # the report needs per-replicate detail: it stops with the reader's message, writes nothing
    import subprocess, sys
    out = tmp_path / "report.html"
    proc = subprocess.run([sys.executable, "-m", "analysis", "report", str(stat_path), "-o", str(out)],
                          capture_output=True, text=True)
    assert proc.returncode == 2, proc.stderr
    assert "stored as statistics over replicates" in proc.stderr
    assert not out.exists()


def test_a_replicates_file_says_so(pair):
    full_path, _, _ = pair
    with analysis.open_run(full_path) as run:
        assert run.store == "replicates"
        assert run.statistics_names() == []


@pytest.mark.parametrize("command, path", [("experiment", "experiments/oita_strategies.toml"),
                                           ("sweep", "sweeps/oita_sobol.toml")])
def test_experiment_and_sweep_refuse_the_key(run_tsunagi, scenarios_dir, tmp_path, command, path):
    out = tmp_path / "out.h5"
    proc = run_tsunagi(command, scenarios_dir / path, "-o", out, "-q", "--set", "output.store=statistics")
    assert proc.returncode == 2, proc.stderr
    assert re.search(r"output\.store: found \"statistics\" for tsunagi " + command + r", expected \"replicates\"",
                     proc.stderr), proc.stderr
    assert not out.exists() and leftovers(tmp_path, "out.h5") == []


def test_a_misspelt_store_is_refused(run_tsunagi, scenarios_dir, tmp_path):
    out = tmp_path / "o.h5"
    proc = run_tsunagi("run", scenarios_dir / "oita.toml", "-o", out, "--store", "stats")
    assert proc.returncode == 2
    assert "output.store" in proc.stderr and "statistics" in proc.stderr
    assert not out.exists()


def test_max_memory_counts_the_statistics(run_tsunagi, scenarios_dir, tmp_path):
    # National at the municipalities level: about 0.1 GB per replicate in flight, 412 MB of
    # statistics. A 300 MB limit lets the replicates run and refuses the statistics before
    # any work, writing nothing.
    national = scenarios_dir / "national.toml"
    ok = tmp_path / "replicates.h5"
    run_ok(run_tsunagi, "run", national, "-o", ok, "--replicates", "1", "--threads", "1", "-q", "--max-memory", "300")
    out = tmp_path / "statistics.h5"
    proc = run_tsunagi("run", national, "-o", out, "--replicates", "1", "--threads", "1", "--store", "statistics",
                       "--max-memory", "300")
    assert proc.returncode == 2, proc.stderr
    held = re.search(r"statistics over replicates: \d+ series, \d+ cells \((\d+) MB held", proc.stderr)
    assert held and int(held.group(1)) > 300, proc.stderr
    assert re.search(r"--max-memory: found an estimated peak memory of [0-9.]+ MB, expected at most 300 MB",
                     proc.stderr), proc.stderr
    assert not out.exists() and leftovers(tmp_path, "statistics.h5") == []

