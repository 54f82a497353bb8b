#!/usr/bin/python3
"""The M/M/c benchmark (docs/performance.md): one model, lambda = 9/day, mu = 1/day, c = 10,
run in one go several ways and compared in events per second:

  1. `tsunagi run bench/mmc.toml` (the whole command: loading, simulating, writing HDF5),
     20 replicates of 30 years on one thread;
  2. SimPy 2.3 (Debian python3-simpy), the model below;
  3. the minimal C++ loop bench/mmc_loop.cpp (one Philox block, std::log and a binary-heap
     push and pop per event);
  4. the queueing core alone, BM_MmcTenMillion of bench/engine_bench.cpp (QueueNetwork fed
     10 million arrivals a day at a time), if the bench binary was built.

An event is an arrival or a service completion. Each of 1 to 3 also reports its mean
wait, checked against Erlang C (tsunagi's with a 95% confidence interval over replicates).

  /usr/bin/python3 bench/mmc.py [--replicates 20] [--years 30] [--simpy-replicates 20] [--repeat 3]
Run from the repository root after `cmake --build --preset release`. The command, the loop
and the core are each run --repeat times, alternating, and the fastest run of each is
reported: a virtual machine's speed drifts over seconds, and the fastest run is the one
least slowed by the rest of the machine (SimPy, a hundred times slower, runs once).
"""

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time

import h5py
import numpy as np
from scipy import stats

LAMBDA, MU, SERVERS = 9.0, 1.0, 10
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WARMUP_MONTHS = 12  # months left out of the mean wait (the queue starts empty)


def erlang_c_wait(lam, mu, c):
    """Steady-state mean wait in queue of M/M/c (Erlang C), by the formula."""
    a = lam / mu
    top = a**c / math.factorial(c) * c / (c - a)
    p_wait = top / (sum(a**k / math.factorial(k) for k in range(c)) + top)
    return p_wait / (c * mu - lam)


def tsunagi_waits(path):
    """Per-replicate mean wait at the agency after the warm-up, and the events simulated.

    case_wait_mean is the mean wait of the cases that started service in a month;
    weighted by the cases that entered that month it sums to the total wait (up to the
    few waiting at month ends)."""
    with h5py.File(path, "r") as f:
        agencies = list(f["axes/agency"].asstr()[()])
        a = agencies.index("jiritsu")
        wait = f["series/case_wait_mean"][:, :, 0, a].astype(float)
        entered = f["series/case_entered"][:, :, 0, :].astype(float).sum(axis=2)
        exits = f["series/case_exits"][:, :, 0, :].astype(float).sum(axis=2)
    w, n = wait[:, WARMUP_MONTHS:], entered[:, WARMUP_MONTHS:]
    per_replicate = np.nansum(np.where(n > 0, w, 0) * n, axis=1) / n.sum(axis=1)
    return per_replicate, int(entered.sum() + exits.sum())


def interval(values, level=0.95):
    values = np.asarray(values, float)
    half = stats.t.ppf(0.5 + level / 2, len(values) - 1) * values.std(ddof=1) / math.sqrt(len(values))
    return values.mean(), half


def run_tsunagi(binary, replicates, years, out):
    end = f"{2000 + years}-03-31"
    cmd = [binary, "run", os.path.join(ROOT, "bench", "mmc.toml"), "--replicates", str(replicates),
           "--threads", "1", "--set", f"scenario.end={end}", "-q", "--overwrite", "-o", out]
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def run_simpy(replicates, days):
    """The same model in SimPy 2.3: a Resource of c servers, one process per customer."""
    from SimPy import Simulation as S

    events = 0
    waits = []
    for r in range(replicates):
        rng = np.random.default_rng(r)
        sim = S.Simulation()
        server = S.Resource(capacity=SERVERS, sim=sim)
        wait = [0.0, 0]

        class Customer(S.Process):
            def visit(self):
                arrived = self.sim.now()
                yield S.request, self, server
                wait[0] += self.sim.now() - arrived
                wait[1] += 1
                yield S.hold, self, rng.exponential(1 / MU)
                yield S.release, self, server

        class Source(S.Process):
            def generate(self):
                n = 0
                while True:
                    yield S.hold, self, rng.exponential(1 / LAMBDA)
                    if self.sim.now() >= days:
                        return
                    c = Customer(sim=self.sim)
                    self.sim.activate(c, c.visit())
                    n += 1
                    counts[0] = n

        counts = [0]
        src = Source(sim=sim)
        sim.activate(src, src.generate())
        sim.simulate(until=days * 2)
        events += 2 * counts[0]  # an arrival and a service completion per customer
        waits.append(wait[0] / wait[1])
    return events, float(np.mean(waits))


def run_core(bench):
    """events/s of BM_MmcTenMillion (None when the bench binary is missing)."""
    if not os.path.exists(bench):
        return None
    out = subprocess.run([bench, "--benchmark_filter=^BM_MmcTenMillion/", "--benchmark_format=json"],
                         check=True, capture_output=True, text=True).stdout
    (row,) = json.loads(out)["benchmarks"]
    return float(row["events/s"])


def run_loop(loop, replicates, days):
    """(events, seconds, mean wait) of the minimal loop."""
    out = subprocess.run([loop, str(LAMBDA), str(MU), str(SERVERS), str(days), str(replicates)],
                         check=True, capture_output=True, text=True).stdout.split()
    return int(out[1]), float(out[3]), float(out[5])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--replicates", type=int, default=20)
    ap.add_argument("--years", type=int, default=30)
    ap.add_argument("--simpy-replicates", type=int, default=20)
    ap.add_argument("--repeat", type=int, default=3, help="runs of the command, the loop and the core; the fastest counts")
    ap.add_argument("--tsunagi", default=os.environ.get("TSUNAGI_BIN", os.path.join(ROOT, "build/release/sim/tsunagi")))
    ap.add_argument("--loop", default=os.path.join(ROOT, "build/release/bench/tsunagi_mmc_loop"))
    ap.add_argument("--bench", default=os.path.join(ROOT, "build/release/bench/tsunagi_bench"))
    args = ap.parse_args()
    days = 365.25 * args.years
    theory = erlang_c_wait(LAMBDA, MU, SERVERS)
    print(f"M/M/c: lambda {LAMBDA}/day, mu {MU}/day, c {SERVERS}; Erlang C mean wait {theory:.4f} days")

    repeat = max(1, args.repeat)
    seconds, loop_seconds, cores = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "mmc.h5")
        for _ in range(repeat):  # alternating, so that a slow spell of the machine hits both
            seconds.append(run_tsunagi(args.tsunagi, args.replicates, args.years, out))
            loop_events, t, loop_wait = run_loop(args.loop, args.replicates, days)
            loop_seconds.append(t)
            cores.append(run_core(args.bench))
        waits, events = tsunagi_waits(out)
    mean, half = interval(waits)
    ok = abs(mean - theory) <= half
    rows = [("tsunagi run (whole command)", events, min(seconds), f"{mean:.4f} +- {half:.4f} (95%)")]
    loop_seconds = min(loop_seconds)
    rows.append(("minimal C++ loop", loop_events, loop_seconds, f"{loop_wait:.4f}"))

    t0 = time.perf_counter()
    simpy_events, simpy_wait = run_simpy(args.simpy_replicates, days)
    rows.append(("SimPy 2.3", simpy_events, time.perf_counter() - t0, f"{simpy_wait:.4f}"))

    loop_rate = loop_events / loop_seconds
    print(f"{args.replicates} replicates of {args.years} years (SimPy: {args.simpy_replicates}), one thread; "
          f"fastest of {repeat} runs\n")
    print(f"{'':30} {'events':>10} {'seconds':>8} {'events/s':>10} {'x loop':>7}  mean wait (days)")
    for name, ev, sec, w in rows:
        print(f"{name:30} {ev:10d} {sec:8.2f} {ev / sec / 1e6:9.2f}M {ev / sec / loop_rate:7.3f}  {w}")
    core = None if cores[0] is None else max(cores)
    if core is not None:
        print(f"{'queueing core (BM_MmcTenMillion)':30} {'':>10} {'':>8} {core / 1e6:9.2f}M {core / loop_rate:7.3f}")
    print(f"\ntsunagi's mean wait {'is' if ok else 'is NOT'} within its 95% interval of Erlang C ({theory:.4f})")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
