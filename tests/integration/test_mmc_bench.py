"""The M/M/c benchmark scenario (bench/mmc.toml) really is the M/M/c queue: tsunagi's mean
wait against Erlang C, computed here from the formula, within a 99% confidence interval
over replicates; and the same bytes on 1 and 2 threads."""

import math

import h5py
import numpy as np
from scipy import stats

from support import assert_same_files, run_ok

LAMBDA, MU, C = 9.0, 1.0, 10
REPLICATES, WARMUP = 10, 12  # replicates of 10 years; months left out (the queue starts empty)


def erlang_c_wait(lam, mu, c):
    a = lam / mu
    top = a**c / math.factorial(c) * c / (c - a)
    return top / (sum(a**k / math.factorial(k) for k in range(c)) + top) / (c * mu - lam)


def test_erlang_c_by_hand():
    # lambda 9, mu 1, c 10: P(wait) = 0.66873, mean wait = P(wait) / (c mu - lambda) = 0.66873 days.
    assert abs(erlang_c_wait(LAMBDA, MU, C) - 0.6687315) < 1e-6
    # M/M/1 (c = 1): the mean wait is rho / (mu - lambda).
    assert abs(erlang_c_wait(0.5, 1.0, 1) - 1.0) < 1e-12


def run_mmc(run_tsunagi, repo_root, out, threads):
    run_ok(run_tsunagi, "run", repo_root / "bench" / "mmc.toml", "--replicates", str(REPLICATES), "--threads",
           str(threads), "--set", "scenario.end=2010-03-31", "-q", "-o", out)


def test_mmc_scenario_waits_as_erlang_c(run_tsunagi, repo_root, tmp_path):
    out = tmp_path / "mmc.h5"
    run_mmc(run_tsunagi, repo_root, out, 1)
    with h5py.File(out, "r") as f:
        a = list(f["axes/agency"].asstr()[()]).index("jiritsu")
        wait = f["series/case_wait_mean"][:, WARMUP:, 0, a].astype(float)
        entered = f["series/case_entered"][:, WARMUP:, 0, :].astype(float)
        new = f["series/case_new_total"][:, WARMUP:].astype(float)
    # Every case enters the jiritsu agency and nowhere else, at about 9 a day.
    assert entered[:, :, a].sum() == entered.sum()
    months = new.shape[1]
    assert abs(new.sum() / (REPLICATES * months * 365.25 / 12) - LAMBDA) < 0.05
    # Mean wait per replicate, weighted by the cases of each month.
    n = entered[:, :, a]
    per_replicate = np.nansum(np.where(n > 0, wait, 0) * n, axis=1) / n.sum(axis=1)
    mean = per_replicate.mean()
    half = stats.t.ppf(0.995, REPLICATES - 1) * per_replicate.std(ddof=1) / math.sqrt(REPLICATES)
    theory = erlang_c_wait(LAMBDA, MU, C)
    assert abs(mean - theory) <= half, f"mean wait {mean:.4f} +- {half:.4f}, Erlang C {theory:.4f}"
    # The interval is narrow enough to tell M/M/c from the same queue with one server fewer.
    assert half < abs(erlang_c_wait(LAMBDA, MU, C + 1) - theory)


def test_mmc_scenario_same_bytes_on_1_and_2_threads(run_tsunagi, repo_root, tmp_path):
    run_mmc(run_tsunagi, repo_root, tmp_path / "one.h5", 1)
    run_mmc(run_tsunagi, repo_root, tmp_path / "two.h5", 2)
    assert_same_files(tmp_path / "one.h5", tmp_path / "two.h5")
