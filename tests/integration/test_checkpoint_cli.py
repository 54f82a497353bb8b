"""`tsunagi run --checkpoint-at/--checkpoint`, `run --restart` and `experiment --branch-from`,
run as subprocesses: a run continued from a checkpoint writes the same file as the run
that never stopped; variants branched from a checkpoint share its history exactly and
diverge only after its date; refusals are located input errors with nothing written."""

import h5py
import numpy as np

from support import assert_same_files, leftovers, run_ok

CASES = 'cases.rate_changes=[{start=2024-04-01, end=2025-03-31, need="hardship", factor=3.3}]'


def test_restart_gives_the_uninterrupted_file(run_tsunagi, scenarios_dir, tmp_path):
    oita = scenarios_dir / "oita.toml"
    common = ["--replicates", "3", "-q", "--set", CASES, "--set", "scenario.end=2026-03-31"]
    run_ok(run_tsunagi, "run", oita, "-o", tmp_path / "whole.h5", "--checkpoint-at", "2025-01-01",
           "--checkpoint", tmp_path / "c.h5", *common)
    run_ok(run_tsunagi, "run", oita, "-o", tmp_path / "continued.h5", "--restart", tmp_path / "c.h5", *common)
    assert_same_files(tmp_path / "whole.h5", tmp_path / "continued.h5")
    with h5py.File(tmp_path / "c.h5") as f:
        assert f.attrs["file_type"] == "checkpoint"
        assert f.attrs["date"] == "2025-01-01"
        assert sorted(f["states"]) == ["00000000", "00000001", "00000002"]
        assert f["time/date"].asstr()[-1] == "2024-12-01"  # the records made before the date


def test_branches_share_the_history_and_diverge_after(run_tsunagi, scenarios_dir, tmp_path):
    run_ok(run_tsunagi, "run", scenarios_dir / "oita.toml", "-o", tmp_path / "history.h5", "--replicates", "10", "-q",
           "--checkpoint-at", "2025-04-01", "--checkpoint", tmp_path / "c.h5")
    run_ok(run_tsunagi, "experiment", scenarios_dir / "experiments" / "oita_strategies.toml", "-o", tmp_path / "b.h5",
           "--replicates", "10", "-q", "--branch-from", tmp_path / "c.h5")
    with h5py.File(tmp_path / "b.h5") as b, h5py.File(tmp_path / "history.h5") as h:
        dates = list(b["time/date"].asstr()[:])
        t = dates.index("2025-04-01")
        diff = b["differences/kikan_municipalities"][:]
        assert np.all(diff[:, :, : t + 1] == 0), "variants differ before or on the branch date"
        names = list(b["variants/name"].asstr()[:])
        for name in ("on_request", "no_advisers"):
            assert np.any(diff[names.index(name), :, t + 1:] != 0), f"{name} changed nothing after the branch"
        # A variant with fewer advisers has fewer adviser hours after the branch, not the checkpoint's.
        hours = b["series/adviser_hours_available"][:]
        assert np.all(hours[names.index("no_advisers"), :, t + 1:] == 0)
        assert np.all(hours[names.index("outreach_3"), :, t + 1:] < hours[0, :, t + 1:])
        # The baseline continues the history exactly.
        np.testing.assert_array_equal(b["series/kikan_coverage"][0], h["series/kikan_coverage"][:])
        assert "c.h5 (2025-04-01)" in b.attrs["branched_from"]


def test_restart_refuses_another_scenario(run_tsunagi, scenarios_dir, tmp_path):
    run_ok(run_tsunagi, "run", scenarios_dir / "oita.toml", "-o", tmp_path / "a.h5", "--replicates", "2", "-q",
           "--checkpoint-at", "2025-04-01", "--checkpoint", tmp_path / "c.h5")
    for extra, words in ((["--replicates", "2", "--set", "scenario.seed=5"], "seed"), (["--replicates", "4"], "replicates"),
                         (["--replicates", "2", "--set", CASES], "case flows")):
        proc = run_tsunagi("run", scenarios_dir / "oita.toml", "-o", tmp_path / "b.h5", "-q", "--restart",
                           tmp_path / "c.h5", *extra)
        assert proc.returncode == 2, proc.stderr
        assert f"{tmp_path / 'c.h5'}" in proc.stderr and words in proc.stderr, proc.stderr
        assert not (tmp_path / "b.h5").exists() and not leftovers(tmp_path, "b.h5")
    proc = run_tsunagi("run", scenarios_dir / "kochi.toml", "-o", tmp_path / "b.h5", "-q", "--restart", tmp_path / "a.h5")
    assert proc.returncode == 2 and 'expected "checkpoint"' in proc.stderr, proc.stderr


def test_checkpoint_date_must_be_a_month_start_inside_the_run(run_tsunagi, scenarios_dir, tmp_path):
    for date in ("2025-04-02", "2024-04-01", "2040-01-01", "soon"):
        proc = run_tsunagi("run", scenarios_dir / "oita.toml", "-o", tmp_path / "a.h5", "-q", "--replicates", "1",
                           "--checkpoint-at", date, "--checkpoint", tmp_path / "c.h5")
        assert proc.returncode == 2 and "--checkpoint-at" in proc.stderr, proc.stderr
        assert not (tmp_path / "a.h5").exists() and not (tmp_path / "c.h5").exists()
