"""`tsunagi run` streams its replicates to the file (docs/output.md, "Streamed runs"): the
file equals the --precision path's (batches spilled to disk, then copied into the file once
their number is known), dataset by dataset, for 1 and 2 threads (each against the in-memory
run: tests/cpp/engine/ensemble_test.cpp, adaptive_ensemble_test.cpp, replicate_spill_test.cpp); the size it estimates from the first replicate is
within 20% of the file written; --max-file and --max-memory refuse with exit 2 and leave
nothing behind. Over two MPI ranks (docs/cluster.md) the file is the one process's, dataset
by dataset, for 1 and 2 threads a rank."""

import re

import h5py
import pytest

from support import assert_same_files, leftovers, mpirun, run_ok

# Case flows with a surge (queues that hold cases) and the whole case log, to 2026-03-31.
CASES = ['cases.rate_changes=[{start=2024-04-01, end=2025-03-31, need="hardship", factor=3.3}]',
         "output.case_log=all", "scenario.end=2026-03-31"]


def sets(overrides):
    return [a for o in overrides for a in ("--set", o)]


def estimate_mb(stderr):
    m = re.search(r"estimated from the first replicate: file ([0-9.]+) MB, peak memory ([0-9.]+) MB", stderr)
    assert m, f"no estimate in stderr:\n{stderr}"
    return float(m.group(1)), float(m.group(2))


@pytest.mark.parametrize("threads", [1, 2])
def test_streamed_file_equals_the_in_memory_file(run_tsunagi, scenarios_dir, tmp_path, threads):
    # 5 replicates pass through 2 (1 thread) or 4 (2 threads) result slots, so slots are
    # reused. --precision with a half width that any run meets spills all 5 and copies them
    # into the file at the end, its spill removed.
    oita = scenarios_dir / "oita.toml"
    common = ["--replicates", "5", "-q", "--threads", str(threads), *sets(CASES)]
    streamed = run_ok(run_tsunagi, "run", oita, "-o", tmp_path / "streamed.h5", *common)
    held = run_ok(run_tsunagi, "run", oita, "-o", tmp_path / "held.h5", "--precision", "kikan_municipalities:1000",
                  *common)
    assert_same_files(tmp_path / "streamed.h5", tmp_path / "held.h5",
                      ignored_root_attrs=("created", "threads", "ranks", "replicates_decided_by"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["held.h5", "streamed.h5"]
    with h5py.File(tmp_path / "streamed.h5") as f:
        log = f["cases/log"]
        assert len(log) > 1000
        assert sorted(set(log["replicate"])) == [0, 1, 2, 3, 4]  # in replicate order
        assert list(log["replicate"]) == sorted(log["replicate"])
    # The summary is read back from the file: the same table as the in-memory run prints.
    assert streamed.stdout.split("\n")[1:-2] == held.stdout.split("\n")[1:-2]


def test_one_and_two_threads_stream_the_same_file(run_tsunagi, scenarios_dir, tmp_path):
    oita = scenarios_dir / "oita.toml"
    for threads in (1, 2):
        run_ok(run_tsunagi, "run", oita, "-o", tmp_path / f"t{threads}.h5", "--replicates", "7", "-q", "--threads",
               str(threads), *sets(CASES))
    assert_same_files(tmp_path / "t1.h5", tmp_path / "t2.h5")


@pytest.mark.parametrize("cases", [False, True])
def test_size_estimate_within_20_percent(run_tsunagi, scenarios_dir, tmp_path, cases):
    out = tmp_path / "oita.h5"
    proc = run_ok(run_tsunagi, "run", scenarios_dir / "oita.toml", "-o", out, "--replicates", "12", "--threads", "2",
                  *(sets(CASES) if cases else []))
    file_mb, memory_mb = estimate_mb(proc.stderr)
    written = out.stat().st_size / 1e6
    assert abs(file_mb - written) <= 0.2 * written, (file_mb, written)
    assert memory_mb > 1


def test_max_file_refuses_and_writes_nothing(run_tsunagi, scenarios_dir, tmp_path):
    out = tmp_path / "oita.h5"
    proc = run_tsunagi("run", scenarios_dir / "oita.toml", "-o", out, "--replicates", "12", "--threads", "2",
                       "--max-file", "0.05")
    assert proc.returncode == 2, proc.stderr
    assert re.search(r"--max-file: found an estimated file size of [0-9.]+ MB, expected at most 0\.05 MB", proc.stderr)
    assert not out.exists()
    assert leftovers(tmp_path, "oita.h5") == []
    # A limit the file fits passes.
    run_ok(run_tsunagi, "run", scenarios_dir / "oita.toml", "-o", out, "--replicates", "12", "-q", "--max-file", "100")
    assert out.exists()


def test_max_memory_refuses_before_the_run(run_tsunagi, scenarios_dir, tmp_path):
    out = tmp_path / "oita.h5"
    proc = run_tsunagi("run", scenarios_dir / "oita.toml", "-o", out, "--replicates", "12", "--max-memory", "1")
    assert proc.returncode == 2, proc.stderr
    assert re.search(r"--max-memory: found an estimated peak memory of [0-9.]+ MB, expected at most 1\.00 MB",
                     proc.stderr)
    assert "estimated from the first replicate" not in proc.stderr  # refused before any replicate ran
    assert not out.exists()
    assert leftovers(tmp_path, "oita.h5") == []


def test_limits_are_refused_with_precision(run_tsunagi, scenarios_dir, tmp_path):
    proc = run_tsunagi("run", scenarios_dir / "oita.toml", "-o", tmp_path / "o.h5", "--precision",
                       "kikan_municipalities:1", "--max-file", "10")
    assert proc.returncode == 2
    assert "--max-file" in proc.stderr and "--precision" in proc.stderr
    assert not (tmp_path / "o.h5").exists()


@pytest.mark.parametrize("threads", [1, 2])
def test_two_mpi_ranks_write_the_one_process_file(run_tsunagi, tsunagi_bin, scenarios_dir, tmp_path, threads):
    # 7 replicates: rank 0 runs 0, 2, 4, 6 and rank 1 runs 1, 3, 5; rank 0 writes them in
    # replicate order, case log included.
    oita = scenarios_dir / "oita.toml"
    common = ["--replicates", "7", *sets(CASES)]
    run_ok(run_tsunagi, "run", oita, "-o", tmp_path / "one.h5", "--threads", "1", "-q", *common)
    out = tmp_path / "ranks.h5"
    proc = mpirun(tsunagi_bin, "run", oita, "-o", out, "--threads", threads, *common)
    assert proc.returncode == 0, f"mpirun exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
    assert "held at a time on each rank" in proc.stderr, "the binary did not run as 2 MPI ranks (built without MPI?)"
    assert_same_files(tmp_path / "one.h5", out)
    with h5py.File(out) as f:
        assert list(f["cases/log"]["replicate"]) == sorted(f["cases/log"]["replicate"])
    assert leftovers(tmp_path, "ranks.h5") == []


@pytest.mark.parametrize("limit,value,what", [("--max-file", "0.05", "file size"), ("--max-memory", "1", "peak memory")])
def test_mpi_ranks_refuse_over_a_limit_and_write_nothing(tsunagi_bin, scenarios_dir, tmp_path, limit, value, what):
    # Every rank exits 2 (mpirun reports the first non-zero exit), the error is printed once.
    out = tmp_path / "oita.h5"
    proc = mpirun(tsunagi_bin, "run", scenarios_dir / "oita.toml", "-o", out, "--replicates", "12", "--threads", "1",
                  limit, value)
    assert proc.returncode == 2, f"mpirun exited {proc.returncode}:\n{proc.stderr}"
    assert len(re.findall(rf"{limit}: found an estimated {what} of [0-9.]+ MB", proc.stderr)) == 1, proc.stderr
    assert not out.exists()
    assert leftovers(tmp_path, "oita.h5") == []


def test_mpi_ranks_refuse_precision(tsunagi_bin, scenarios_dir, tmp_path):
    out = tmp_path / "oita.h5"
    proc = mpirun(tsunagi_bin, "run", scenarios_dir / "oita.toml", "-o", out, "--precision", "kikan_municipalities:1")
    assert proc.returncode == 2, proc.stderr
    assert "--precision: cannot be combined with several MPI ranks (found 2)" in proc.stderr
    assert not out.exists()


def test_mpi_ranks_take_and_restart_from_the_one_process_checkpoint(run_tsunagi, tsunagi_bin, scenarios_dir,
                                                                    tmp_path):
    # --checkpoint-at over 2 ranks: each rank's replicates' states gathered to rank 0, the
    # checkpoint the one process's; --restart from it over 2 ranks, a branch, the same.
    oita = scenarios_dir / "oita.toml"
    common = ["--replicates", "5", "--threads", "1", "-q", *sets(["cases.conference_day=15", "scenario.end=2026-03-31"])]
    take = ["--checkpoint-at", "2025-04-01", "--checkpoint"]
    run_ok(run_tsunagi, "run", oita, "-o", tmp_path / "one.h5", *common, *take, tmp_path / "k_one.h5")
    proc = mpirun(tsunagi_bin, "run", oita, "-o", tmp_path / "two.h5", *common, *take, tmp_path / "k_two.h5")
    assert proc.returncode == 0, f"mpirun exited {proc.returncode}:\n{proc.stderr}"
    assert_same_files(tmp_path / "k_one.h5", tmp_path / "k_two.h5")
    assert_same_files(tmp_path / "one.h5", tmp_path / "two.h5")
    branch = ["--set", "advisers.strategy=on_request"]
    run_ok(run_tsunagi, "run", oita, "-o", tmp_path / "b_one.h5", *common, *branch, "--restart", tmp_path / "k_one.h5")
    proc = mpirun(tsunagi_bin, "run", oita, "-o", tmp_path / "b_two.h5", *common, *branch, "--restart",
                  tmp_path / "k_two.h5")
    assert proc.returncode == 0, f"mpirun exited {proc.returncode}:\n{proc.stderr}"
    assert_same_files(tmp_path / "b_one.h5", tmp_path / "b_two.h5")
    assert leftovers(tmp_path, "k_two.h5") == [] and leftovers(tmp_path, "two.h5") == []
